package dev.portcullis.keys;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL for {@code users}. Every method runs on the caller's connection (and so in its transaction). */
final class UserRepository {

  private static final String COLUMNS = "id, workspace_id, email, name, role, created_at";

  void insert(Connection c, User u) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO users (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, u.id());
      ps.setString(2, u.workspaceId());
      ps.setString(3, u.email());
      ps.setString(4, u.name());
      ps.setString(5, u.role().wireName());
      ps.setLong(6, u.createdAt().toEpochMilli());
      ps.executeUpdate();
    }
  }

  void update(Connection c, User u) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE users SET name = ?, role = ? WHERE id = ?")) {
      ps.setString(1, u.name());
      ps.setString(2, u.role().wireName());
      ps.setString(3, u.id());
      ps.executeUpdate();
    }
  }

  void delete(Connection c, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM users WHERE id = ?")) {
      ps.setString(1, id);
      ps.executeUpdate();
    }
  }

  Optional<User> find(Connection c, String id) throws SQLException {
    return query(c, "SELECT " + COLUMNS + " FROM users WHERE id = ?", id).stream().findFirst();
  }

  Optional<User> findByEmail(Connection c, String workspaceId, String email) throws SQLException {
    return query(c, "SELECT " + COLUMNS + " FROM users WHERE workspace_id = ? AND email = ?", workspaceId, email)
        .stream().findFirst();
  }

  List<User> list(Connection c, String workspaceId) throws SQLException {
    return query(c, "SELECT " + COLUMNS + " FROM users WHERE workspace_id = ? ORDER BY created_at, id", workspaceId);
  }

  private static List<User> query(Connection c, String sql, String... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setString(i + 1, args[i]);
      }
      List<User> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new User(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
              Role.parse(rs.getString(5)), Instant.ofEpochMilli(rs.getLong(6))));
        }
      }
      return out;
    }
  }
}
