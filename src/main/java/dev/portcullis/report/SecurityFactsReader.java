package dev.portcullis.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.keys.Workspace;
import dev.portcullis.observe.AuditTrail;
import dev.portcullis.observe.AuditVerdict;
import dev.portcullis.observe.RequestLogQuery;
import dev.portcullis.observe.analytics.Analytics;
import dev.portcullis.observe.analytics.GroupBy;
import dev.portcullis.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the facts of a security report. Requests, spend and errors come from {@link Analytics}, so they are the
 * numbers the analytics API gives for the same period and reach; denials, refusals and guardrail hits from the log
 * rows of exactly [from, to); keys and admin changes from the audit trail. Blocking: worker threads only.
 */
public final class SecurityFactsReader {

  /** Keys expiring within this long after the report is made are listed as expiring soon. */
  public static final Duration EXPIRY_WARNING = Duration.ofDays(30);

  static final int ALERTS_SHOWN = 50;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Database database;
  private final Analytics analytics;
  private final AlertSource alerts;
  private final AuditTrail audit = new AuditTrail();
  private final String organisation;

  public SecurityFactsReader(Database database, AlertSource alerts, String organisation) {
    this.database = database;
    this.analytics = new Analytics(database);
    this.alerts = alerts;
    this.organisation = organisation;
  }

  /**
   * @param workspaceId the workspace the report is about
   * @param reach its id and its descendants' (deleted ones included)
   */
  public SecurityFacts read(String workspaceId, List<String> reach, ReportPeriod period, Instant now) {
    RequestLogQuery current = query(reach, period);
    RequestLogQuery previous = query(reach, period.previous());
    return database.read("read the security report", c -> {
      Map<String, Long> denials = new TreeMap<>();
      long[] refusals = new long[2];
      GuardrailHits guardrails = new GuardrailHits();
      readVerdicts(c, reach, period, denials, refusals, guardrails);
      return new SecurityFacts(organisation, period, now, workspaceId, reach.size(), analytics.summary(current),
          analytics.summary(previous), analytics.groups(current, GroupBy.parse("model")),
          analytics.groups(current, GroupBy.parse("provider")), analytics.groups(current, GroupBy.parse("api_key")),
          analytics.groups(current, GroupBy.parse("user")), keyNames(c, reach), denials, ruleNames(c, reach),
          refusals[0], refusals[1], guardrails, alerts.count(c, reach, period),
          alerts.alerts(c, reach, period, ALERTS_SHOWN), keyEvents(c, reach, period), expiring(c, reach, now),
          workspaceId.equals(Workspace.ROOT) ? verify(c) : null, changesByActor(c, reach, period));
    });
  }

  private static RequestLogQuery query(List<String> reach, ReportPeriod period) {
    return RequestLogQuery.newest().from(period.from()).to(period.to()).workspaceIds(reach).build();
  }

  private AuditVerdict verify(Connection c) throws SQLException {
    return audit.verify(c);
  }

  /** Policy denials by rule, rate-limit and budget refusals, and guardrail hits, from the period's log rows. */
  private static void readVerdicts(Connection c, List<String> reach, ReportPeriod period, Map<String, Long> denials,
      long[] refusals, GuardrailHits guardrails) throws SQLException {
    String sql = "SELECT policy_verdict, policy_rule_ids, guardrail_verdict, hook_results FROM request_logs WHERE "
        + in("workspace_id", reach) + " AND started_at >= ? AND started_at < ? AND (policy_verdict IN ('deny', "
        + "'rate_limited', 'budget_exceeded') OR guardrail_verdict IN ('denied', 'flagged', 'redacted'))";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, reach, period);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String policy = rs.getString(1);
          if ("deny".equals(policy)) {
            for (String rule : ruleIds(rs.getString(2))) {
              denials.merge(rule, 1L, Long::sum);
            }
          } else if ("rate_limited".equals(policy)) {
            refusals[0]++;
          } else if ("budget_exceeded".equals(policy)) {
            refusals[1]++;
          }
          String guard = rs.getString(3);
          if (guard != null && !guard.equals("passed") && rs.getString(4) != null) {
            guardrails.add(guard, rs.getString(4));
          }
        }
      }
    }
  }

  /** The rule ids of a log row; a denial no rule matched (the workspace's deny-by-default) counts as "default". */
  private static List<String> ruleIds(String json) {
    List<String> ids = new ArrayList<>();
    try {
      for (JsonNode id : json == null ? JSON.createArrayNode() : JSON.readTree(json)) {
        ids.add(id.asText());
      }
    } catch (JsonProcessingException e) {
      ids.clear();
    }
    return ids.isEmpty() ? List.of("default") : ids;
  }

  private static Map<String, String> ruleNames(Connection c, List<String> reach) throws SQLException {
    Map<String, String> names = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT id, body FROM policy_rules WHERE "
        + in("workspace_id", reach) + " ORDER BY version")) {
      bindAll(ps, reach);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          try {
            String name = JSON.readTree(rs.getString(2)).path("name").asText(null);
            if (name != null) {
              names.put(rs.getString(1), name);
            }
          } catch (JsonProcessingException e) {
            // a body that does not parse names nothing; the id is shown alone
          }
        }
      }
    }
    return names;
  }

  private static Map<String, String> keyNames(Connection c, List<String> reach) throws SQLException {
    Map<String, String> names = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT id, name FROM api_keys WHERE " + in("workspace_id", reach))) {
      bindAll(ps, reach);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          names.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    return names;
  }

  private static List<SecurityFacts.KeyEvent> keyEvents(Connection c, List<String> reach, ReportPeriod period)
      throws SQLException {
    List<SecurityFacts.KeyEvent> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT at, action, object_id, actor_type, actor_name FROM audit_log"
        + " WHERE " + in("workspace_id", reach) + " AND at >= ? AND at < ? AND action IN ('api_key.create', "
        + "'api_key.rotate', 'api_key.revoke') ORDER BY seq")) {
      bind(ps, reach, period);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new SecurityFacts.KeyEvent(Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2), rs.getString(3),
              actor(rs.getString(4), rs.getString(5))));
        }
      }
    }
    return out;
  }

  private static List<SecurityFacts.ExpiringKey> expiring(Connection c, List<String> reach, Instant now)
      throws SQLException {
    List<SecurityFacts.ExpiringKey> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT id, name, workspace_id, expires_at FROM api_keys WHERE "
        + in("workspace_id", reach) + " AND revoked_at IS NULL AND expires_at >= ? AND expires_at < ?"
        + " ORDER BY expires_at")) {
      int next = bindAll(ps, reach);
      ps.setLong(next++, now.toEpochMilli());
      ps.setLong(next, now.plus(EXPIRY_WARNING).toEpochMilli());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new SecurityFacts.ExpiringKey(rs.getString(1), rs.getString(2), rs.getString(3),
              Instant.ofEpochMilli(rs.getLong(4))));
        }
      }
    }
    return out;
  }

  private static List<SecurityFacts.ActorChanges> changesByActor(Connection c, List<String> reach,
      ReportPeriod period) throws SQLException {
    List<SecurityFacts.ActorChanges> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT actor_type, actor_name, action, COUNT(*) FROM audit_log"
        + " WHERE " + in("workspace_id", reach) + " AND at >= ? AND at < ?"
        + " GROUP BY actor_type, actor_name, action ORDER BY actor_type, actor_name, action")) {
      bind(ps, reach, period);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new SecurityFacts.ActorChanges(actor(rs.getString(1), rs.getString(2)), rs.getString(3),
              rs.getLong(4)));
        }
      }
    }
    return out;
  }

  private static String actor(String type, String name) {
    return (name == null ? "unnamed" : name) + " (" + type + ")";
  }

  static String in(String column, List<String> values) {
    return column + " IN (" + String.join(", ", Collections.nCopies(values.size(), "?")) + ")";
  }

  private static int bindAll(PreparedStatement ps, List<String> values) throws SQLException {
    int i = 1;
    for (String v : values) {
      ps.setString(i++, v);
    }
    return i;
  }

  private static void bind(PreparedStatement ps, List<String> reach, ReportPeriod period) throws SQLException {
    int next = bindAll(ps, reach);
    ps.setLong(next++, period.from().toEpochMilli());
    ps.setLong(next, period.to().toEpochMilli());
  }
}
