package dev.portcullis.routing.saved;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * SQL for {@code routing_configs}: every version is a row; the newest is the config in force. Each method works on
 * the caller's connection, so a change and its audit entry commit together.
 */
final class SavedConfigRepository {

  private static final String COLUMNS = "id, workspace_id, name, version, body, created_at";

  void insert(Connection c, SavedConfig config) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO routing_configs (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, config.id());
      ps.setString(2, config.workspaceId());
      ps.setString(3, config.name());
      ps.setInt(4, config.version());
      ps.setString(5, config.body());
      ps.setLong(6, config.createdAt().toEpochMilli());
      ps.executeUpdate();
    }
  }

  /** The newest version, or a given one. */
  Optional<SavedConfig> find(Connection c, String id, Integer version) throws SQLException {
    String sql = "SELECT " + COLUMNS + " FROM routing_configs WHERE id = ?"
        + (version == null ? " ORDER BY version DESC LIMIT 1" : " AND version = ?");
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, id);
      if (version != null) {
        ps.setInt(2, version);
      }
      return read(ps).stream().findFirst();
    }
  }

  /** The newest version of every config in a workspace. */
  List<SavedConfig> listLatest(Connection c, String workspaceId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM routing_configs r "
        + "WHERE workspace_id = ? AND version = (SELECT MAX(version) FROM routing_configs v WHERE v.id = r.id) "
        + "ORDER BY created_at, id")) {
      ps.setString(1, workspaceId);
      return read(ps);
    }
  }

  List<SavedConfig> versions(Connection c, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT " + COLUMNS + " FROM routing_configs WHERE id = ? ORDER BY version")) {
      ps.setString(1, id);
      return read(ps);
    }
  }

  void delete(Connection c, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM routing_configs WHERE id = ?")) {
      ps.setString(1, id);
      ps.executeUpdate();
    }
  }

  private static List<SavedConfig> read(PreparedStatement ps) throws SQLException {
    List<SavedConfig> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new SavedConfig(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5),
            Instant.ofEpochMilli(rs.getLong(6))));
      }
    }
    return out;
  }
}
