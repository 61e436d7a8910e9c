package dev.portcullis.guard.saved;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * SQL for {@code guardrails}: every version is a row; the newest is the guardrail in force. Each method works on
 * the caller's connection, so a change and its audit entry commit together.
 */
final class SavedGuardrailRepository {

  private static final String COLUMNS = "id, workspace_id, name, version, body, created_at";

  void insert(Connection c, SavedGuardrail guardrail) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO guardrails (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, guardrail.id());
      ps.setString(2, guardrail.workspaceId());
      ps.setString(3, guardrail.name());
      ps.setInt(4, guardrail.version());
      ps.setString(5, guardrail.body());
      ps.setLong(6, guardrail.createdAt().toEpochMilli());
      ps.executeUpdate();
    }
  }

  /** The newest version, or a given one. */
  Optional<SavedGuardrail> find(Connection c, String id, Integer version) throws SQLException {
    String sql = "SELECT " + COLUMNS + " FROM guardrails WHERE id = ?"
        + (version == null ? " ORDER BY version DESC LIMIT 1" : " AND version = ?");
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, id);
      if (version != null) {
        ps.setInt(2, version);
      }
      return read(ps).stream().findFirst();
    }
  }

  /** The newest version of every guardrail in a workspace. */
  List<SavedGuardrail> listLatest(Connection c, String workspaceId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM guardrails r "
        + "WHERE workspace_id = ? AND version = (SELECT MAX(version) FROM guardrails v WHERE v.id = r.id) "
        + "ORDER BY created_at, id")) {
      ps.setString(1, workspaceId);
      return read(ps);
    }
  }

  List<SavedGuardrail> versions(Connection c, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT " + COLUMNS + " FROM guardrails WHERE id = ? ORDER BY version")) {
      ps.setString(1, id);
      return read(ps);
    }
  }

  void delete(Connection c, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM guardrails WHERE id = ?")) {
      ps.setString(1, id);
      ps.executeUpdate();
    }
  }

  private static List<SavedGuardrail> read(PreparedStatement ps) throws SQLException {
    List<SavedGuardrail> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new SavedGuardrail(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5),
            Instant.ofEpochMilli(rs.getLong(6))));
      }
    }
    return out;
  }
}
