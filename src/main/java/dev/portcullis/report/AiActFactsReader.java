package dev.portcullis.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.store.Database;
import dev.portcullis.store.SqlDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the facts of an AI system's documentation: its requests (rows of its workspace's subtree that its match
 * selects, exactly over [from, to)), the rules and guardrails in force, governance changes from the audit trail, and
 * retention from the settings. Blocking: worker threads only.
 */
public final class AiActFactsReader {

  static final int BLOCKS_SHOWN = 20;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Database database;
  private final AlertSource alerts;
  private final String organisation;
  private final int logRetentionDays;
  private final int bodyRetentionDays;

  public AiActFactsReader(Database database, AlertSource alerts, String organisation, int logRetentionDays,
      int bodyRetentionDays) {
    this.database = database;
    this.alerts = alerts;
    this.organisation = organisation;
    this.logRetentionDays = logRetentionDays;
    this.bodyRetentionDays = bodyRetentionDays;
  }

  /** @param subtree the system's workspace and its descendants (deleted ones included) */
  public AiActFacts read(AiSystem system, List<String> subtree, ReportPeriod period, Instant now) {
    return database.read("read the AI Act facts of '" + system.id() + "'", c -> {
      Rows rows = new Rows(system, subtree, period, database.dialect());
      List<String> ancestors = ancestors(c, system.workspaceId());
      LinkedHashSet<String> ruled = new LinkedHashSet<>(ancestors);
      ruled.addAll(subtree);
      List<String> workspaces = List.copyOf(ruled);
      Integer own = retention(c, ancestors);
      return new AiActFacts(organisation, system, period, now, own != null ? own : logRetentionDays,
          own != null ? "log_retention_days of the workspace" : "PORTCULLIS_LOG_RETENTION_DAYS (gateway default)",
          bodyRetentionDays, usage(c, rows), counts(c, rows, "guardrail_verdict"), counts(c, rows, "policy_verdict"),
          rulesInForce(c, workspaces, period), changes(c, workspaces, period),
          alerts.alerts(c, subtree, period, SecurityFactsReader.ALERTS_SHOWN), blocks(c, rows), workspaces);
    });
  }

  /** The conditions that select the system's rows. */
  private record Rows(String where, List<Object> arguments) {
    Rows(AiSystem system, List<String> subtree, ReportPeriod period, SqlDialect dialect) {
      this(" WHERE " + SecurityFactsReader.in("workspace_id", subtree) + " AND started_at >= ? AND started_at < ?"
          + " AND " + system.declaration().match().condition(dialect), arguments(system, subtree, period));
    }

    private static List<Object> arguments(AiSystem system, List<String> subtree, ReportPeriod period) {
      List<Object> all = new ArrayList<>(subtree);
      all.add(period.from().toEpochMilli());
      all.add(period.to().toEpochMilli());
      all.addAll(system.declaration().match().arguments());
      return all;
    }

    PreparedStatement prepare(Connection c, String sql) throws SQLException {
      PreparedStatement ps = c.prepareStatement(sql);
      for (int i = 0; i < arguments.size(); i++) {
        ps.setObject(i + 1, arguments.get(i));
      }
      return ps;
    }
  }

  private static List<AiActFacts.ModelUse> usage(Connection c, Rows rows) throws SQLException {
    List<AiActFacts.ModelUse> out = new ArrayList<>();
    try (PreparedStatement ps = rows.prepare(c, "SELECT provider, model, COUNT(*), SUM(CASE WHEN status >= 400 THEN 1"
        + " ELSE 0 END), SUM(prompt_tokens), SUM(completion_tokens), SUM(cost_usd), MIN(started_at), MAX(started_at)"
        + " FROM request_logs" + rows.where() + " GROUP BY provider, model ORDER BY COUNT(*) DESC, provider, model");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new AiActFacts.ModelUse(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
            rs.getLong(5), rs.getLong(6), rs.getDouble(7), Instant.ofEpochMilli(rs.getLong(8)),
            Instant.ofEpochMilli(rs.getLong(9))));
      }
    }
    return out;
  }

  private static Map<String, Long> counts(Connection c, Rows rows, String column) throws SQLException {
    Map<String, Long> out = new TreeMap<>();
    try (PreparedStatement ps = rows.prepare(c, "SELECT " + column + ", COUNT(*) FROM request_logs" + rows.where()
        + " AND " + column + " IS NOT NULL GROUP BY " + column); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getLong(2));
      }
    }
    return out;
  }

  private static List<AiActFacts.Block> blocks(Connection c, Rows rows) throws SQLException {
    List<AiActFacts.Block> out = new ArrayList<>();
    try (PreparedStatement ps = rows.prepare(c, "SELECT started_at, id, model FROM request_logs" + rows.where()
        + " AND guardrail_verdict = 'denied' ORDER BY started_at DESC, id DESC LIMIT " + BLOCKS_SHOWN);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new AiActFacts.Block(Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2), rs.getString(3)));
      }
    }
    return out;
  }

  /** The workspace and its ancestors, itself first. */
  private static List<String> ancestors(Connection c, String workspaceId) throws SQLException {
    List<String> out = new ArrayList<>();
    for (String id = workspaceId; id != null && !out.contains(id); ) {
      out.add(id);
      try (PreparedStatement ps = c.prepareStatement("SELECT parent_id FROM workspaces WHERE id = ?")) {
        ps.setString(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          id = rs.next() ? rs.getString(1) : null;
        }
      }
    }
    return out;
  }

  /** The workspace's own log retention, or null when it has none and the gateway default applies. */
  private static Integer retention(Connection c, List<String> ancestors) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT log_retention_days FROM workspaces WHERE id = ?")) {
      ps.setString(1, ancestors.getFirst());
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          int days = rs.getInt(1);
          return rs.wasNull() ? null : days;
        }
      }
    }
    return null;
  }

  /** Versions of policy rules and guardrails whose time in force overlaps the period. */
  private static List<AiActFacts.RuleVersion> rulesInForce(Connection c, List<String> workspaces, ReportPeriod period)
      throws SQLException {
    List<AiActFacts.RuleVersion> out = new ArrayList<>();
    versions(c, "policy", "SELECT id, version, workspace_id, body, created_at, deleted, NULL FROM policy_rules WHERE "
        + SecurityFactsReader.in("workspace_id", workspaces) + " ORDER BY id, version", workspaces, period, out);
    versions(c, "guardrail", "SELECT id, version, workspace_id, body, created_at, 0, name FROM guardrails WHERE "
        + SecurityFactsReader.in("workspace_id", workspaces) + " ORDER BY id, version", workspaces, period, out);
    return out;
  }

  private static void versions(Connection c, String kind, String sql, List<String> workspaces, ReportPeriod period,
      List<AiActFacts.RuleVersion> out) throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < workspaces.size(); i++) {
        ps.setString(i + 1, workspaces.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(new Object[] {rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4),
              Instant.ofEpochMilli(rs.getLong(5)), rs.getInt(6) != 0,
              rs.getString(7) != null ? rs.getString(7) : name(rs.getString(4))});
        }
      }
    }
    for (int i = 0; i < rows.size(); i++) {
      Object[] row = rows.get(i);
      boolean nextSameRule = i + 1 < rows.size() && rows.get(i + 1)[0].equals(row[0]);
      Instant from = (Instant) row[4];
      Instant until = nextSameRule ? (Instant) rows.get(i + 1)[4] : null;
      boolean overlaps = from.isBefore(period.to()) && (until == null || until.isAfter(period.from()));
      if (!(Boolean) row[5] && overlaps) {
        out.add(new AiActFacts.RuleVersion(kind, (String) row[0], (String) row[6], (Integer) row[1],
            (String) row[2], from, until));
      }
    }
  }

  private static String name(String body) {
    try {
      return JSON.readTree(body).path("name").asText("(unnamed)");
    } catch (JsonProcessingException e) {
      return "(unnamed)";
    }
  }

  private static List<AiActFacts.Change> changes(Connection c, List<String> workspaces, ReportPeriod period)
      throws SQLException {
    List<AiActFacts.Change> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT at, action, object_id, actor_type, actor_name FROM"
        + " audit_log WHERE " + SecurityFactsReader.in("workspace_id", workspaces) + " AND at >= ? AND at < ? AND"
        + " object_type IN ('policy', 'guardrail', 'config', 'ai_system') ORDER BY seq")) {
      int i = 1;
      for (String w : workspaces) {
        ps.setString(i++, w);
      }
      ps.setLong(i++, period.from().toEpochMilli());
      ps.setLong(i, period.to().toEpochMilli());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new AiActFacts.Change(Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2), rs.getString(3),
              (rs.getString(5) == null ? "unnamed" : rs.getString(5)) + " (" + rs.getString(4) + ")"));
        }
      }
    }
    return out;
  }
}
