package dev.portcullis.policy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SQL for rules, workspace defaults and the workspace tree as policy reads it. Each method works on the caller's
 * connection, so a change and its audit entry commit together.
 */
final class PolicyRepository {

  private static final String COLUMNS = "id, version, workspace_id, body, deleted, created_at";
  private static final String NEWEST = "version = (SELECT MAX(version) FROM policy_rules v WHERE v.id = r.id)";

  void insert(Connection c, StoredRule rule) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO policy_rules (" + COLUMNS
        + ") VALUES (?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, rule.id());
      ps.setInt(2, rule.version());
      ps.setString(3, rule.workspaceId());
      ps.setString(4, rule.body());
      ps.setInt(5, rule.deleted() ? 1 : 0);
      ps.setLong(6, rule.createdAt().toEpochMilli());
      ps.executeUpdate();
    }
  }

  /** The newest version of a rule (a deletion included), or a given version. */
  Optional<StoredRule> find(Connection c, String id, Integer version) throws SQLException {
    String sql = "SELECT " + COLUMNS + " FROM policy_rules WHERE id = ?"
        + (version == null ? " ORDER BY version DESC LIMIT 1" : " AND version = ?");
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, id);
      if (version != null) {
        ps.setInt(2, version);
      }
      return read(ps).stream().findFirst();
    }
  }

  List<StoredRule> versions(Connection c, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT " + COLUMNS + " FROM policy_rules WHERE id = ? ORDER BY version")) {
      ps.setString(1, id);
      return read(ps);
    }
  }

  /** The newest version of every rule in force, in every workspace. */
  List<StoredRule> inForce(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM policy_rules r WHERE " + NEWEST
        + " AND deleted = 0 ORDER BY created_at, id")) {
      return read(ps);
    }
  }

  /** Workspace id to parent id, for every workspace that exists. */
  Map<String, String> parents(Connection c) throws SQLException {
    Map<String, String> out = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT id, parent_id FROM workspaces WHERE deleted_at IS NULL"); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getString(2));
      }
    }
    out.values().removeIf(java.util.Objects::isNull);
    return out;
  }

  Map<String, RuleAction> defaults(Connection c) throws SQLException {
    Map<String, RuleAction> out = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT workspace_id, policy_default FROM policy_defaults");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.put(rs.getString(1), RuleAction.valueOf(rs.getString(2).toUpperCase(java.util.Locale.ROOT)));
      }
    }
    return out;
  }

  void setDefault(Connection c, String workspaceId, RuleAction value, Instant at) throws SQLException {
    try (PreparedStatement del = c.prepareStatement("DELETE FROM policy_defaults WHERE workspace_id = ?")) {
      del.setString(1, workspaceId);
      del.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO policy_defaults (workspace_id, policy_default, updated_at) VALUES (?, ?, ?)")) {
      ps.setString(1, workspaceId);
      ps.setString(2, value.wireName());
      ps.setLong(3, at.toEpochMilli());
      ps.executeUpdate();
    }
  }

  private static List<StoredRule> read(PreparedStatement ps) throws SQLException {
    List<StoredRule> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new StoredRule(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getInt(5) == 1,
            Instant.ofEpochMilli(rs.getLong(6))));
      }
    }
    return out;
  }
}
