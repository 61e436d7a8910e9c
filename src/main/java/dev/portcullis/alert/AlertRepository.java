package dev.portcullis.alert;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** SQL for {@code alerts}. */
final class AlertRepository {

  private static final String COLUMNS = "id, kind, rule_id, rule_name, severity, summary, workspace_id, api_key_id, "
      + "request_id, dedup_key, created_at, acknowledged_at, acknowledged_by";

  /** Stores the alert; false when one with its dedup key exists already (nothing is written then). */
  boolean insert(Connection c, Alert a) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO alerts (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, "
        + "?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
      ps.setString(1, a.id());
      ps.setString(2, a.kind().wireName());
      ps.setString(3, a.ruleId());
      ps.setString(4, a.ruleName());
      ps.setString(5, a.severity().wireName());
      ps.setString(6, a.summary());
      ps.setString(7, a.workspaceId());
      ps.setString(8, a.apiKeyId());
      ps.setString(9, a.requestId());
      ps.setString(10, a.dedupKey());
      ps.setLong(11, a.createdAt().toEpochMilli());
      if (a.acknowledgedAt() == null) {
        ps.setNull(12, Types.BIGINT);
      } else {
        ps.setLong(12, a.acknowledgedAt().toEpochMilli());
      }
      ps.setString(13, a.acknowledgedBy());
      return ps.executeUpdate() == 1;
    }
  }

  Optional<Alert> find(Connection c, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM alerts WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    }
  }

  /** The newest alerts of the given workspaces, newest first, of one kind (null: any), open ones only if asked. */
  List<Alert> list(Connection c, List<String> workspaceIds, AlertKind kind, boolean openOnly, int limit)
      throws SQLException {
    List<Alert> out = new ArrayList<>();
    if (workspaceIds.isEmpty()) {
      return out;
    }
    String marks = String.join(", ", Collections.nCopies(workspaceIds.size(), "?"));
    String sql = "SELECT " + COLUMNS + " FROM alerts WHERE workspace_id IN (" + marks + ")"
        + (kind == null ? "" : " AND kind = ?") + (openOnly ? " AND acknowledged_at IS NULL" : "")
        + " ORDER BY created_at DESC, id DESC LIMIT ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      for (String w : workspaceIds) {
        ps.setString(i++, w);
      }
      if (kind != null) {
        ps.setString(i++, kind.wireName());
      }
      ps.setInt(i, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(read(rs));
        }
      }
    }
    return out;
  }

  /** Marks an open alert acknowledged; an acknowledged one keeps its first acknowledgement. */
  void acknowledge(Connection c, String id, Instant at, String by) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE alerts SET acknowledged_at = ?, acknowledged_by = ? "
        + "WHERE id = ? AND acknowledged_at IS NULL")) {
      ps.setLong(1, at.toEpochMilli());
      ps.setString(2, by);
      ps.setString(3, id);
      ps.executeUpdate();
    }
  }

  private static Alert read(ResultSet rs) throws SQLException {
    long acknowledged = rs.getLong(12);
    Instant acknowledgedAt = rs.wasNull() ? null : Instant.ofEpochMilli(acknowledged);
    return new Alert(rs.getString(1), AlertKind.parse(rs.getString(2)), rs.getString(3), rs.getString(4),
        AlertSeverity.valueOf(rs.getString(5).toUpperCase(java.util.Locale.ROOT)), rs.getString(6), rs.getString(7),
        rs.getString(8), rs.getString(9), rs.getString(10), Instant.ofEpochMilli(rs.getLong(11)), acknowledgedAt,
        rs.getString(13));
  }
}
