package dev.portcullis.keys;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL for {@code api_keys}. Every method runs on the caller's connection (and so in its transaction). */
final class ApiKeyRepository {

  private static final String COLUMNS = "id, workspace_id, name, key_hash, display_prefix, role, scopes, user_id, "
      + "default_config, metadata, created_at, expires_at, revoked_at, previous_key_hash, previous_valid_until, "
      + "rotated_at, last_used_at, cache";

  void insert(Connection c, ApiKey key) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO api_keys (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, key.id());
      ps.setString(2, key.workspaceId());
      ps.setString(3, key.name());
      ps.setString(4, key.keyHash());
      ps.setString(5, key.displayPrefix());
      ps.setString(6, key.role().wireName());
      ps.setString(7, Scope.join(key.scopes()));
      ps.setString(8, key.userId());
      ps.setString(9, key.defaultConfig());
      ps.setString(10, StoredJson.write(key.metadata()));
      ps.setLong(11, key.createdAt().toEpochMilli());
      setInstant(ps, 12, key.expiresAt());
      setInstant(ps, 13, key.revokedAt());
      ps.setString(14, key.previousKeyHash());
      setInstant(ps, 15, key.previousValidUntil());
      setInstant(ps, 16, key.rotatedAt());
      setInstant(ps, 17, key.lastUsedAt());
      ps.setString(18, key.cache());
      ps.executeUpdate();
    }
  }

  /** Writes every field a change may touch (not the id, workspace, role, scopes, user or creation time). */
  void update(Connection c, ApiKey key) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE api_keys SET name = ?, key_hash = ?, display_prefix = ?, "
        + "default_config = ?, metadata = ?, expires_at = ?, revoked_at = ?, previous_key_hash = ?, "
        + "previous_valid_until = ?, rotated_at = ?, cache = ? WHERE id = ?")) {
      ps.setString(1, key.name());
      ps.setString(2, key.keyHash());
      ps.setString(3, key.displayPrefix());
      ps.setString(4, key.defaultConfig());
      ps.setString(5, StoredJson.write(key.metadata()));
      setInstant(ps, 6, key.expiresAt());
      setInstant(ps, 7, key.revokedAt());
      ps.setString(8, key.previousKeyHash());
      setInstant(ps, 9, key.previousValidUntil());
      setInstant(ps, 10, key.rotatedAt());
      ps.setString(11, key.cache());
      ps.setString(12, key.id());
      ps.executeUpdate();
    }
  }

  /** The key whose current or previous (still in grace or not) secret has this hash. */
  Optional<ApiKey> findByHash(Connection c, String keyHash) throws SQLException {
    List<ApiKey> found = query(c, "SELECT " + COLUMNS + " FROM api_keys WHERE key_hash = ? OR previous_key_hash = ?",
        keyHash, keyHash);
    return found.stream().findFirst();
  }

  Optional<ApiKey> findById(Connection c, String id) throws SQLException {
    return query(c, "SELECT " + COLUMNS + " FROM api_keys WHERE id = ?", id).stream().findFirst();
  }

  List<ApiKey> list(Connection c, String workspaceId) throws SQLException {
    return query(c, "SELECT " + COLUMNS + " FROM api_keys WHERE workspace_id = ? ORDER BY created_at, id", workspaceId);
  }

  List<ApiKey> listActiveOfUser(Connection c, String userId) throws SQLException {
    return query(c, "SELECT " + COLUMNS + " FROM api_keys WHERE user_id = ? AND revoked_at IS NULL ORDER BY id",
        userId);
  }

  int countActive(Connection c, String workspaceId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT COUNT(*) FROM api_keys WHERE workspace_id = ? AND revoked_at IS NULL")) {
      ps.setString(1, workspaceId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  void delete(Connection c, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM api_keys WHERE id = ?")) {
      ps.setString(1, id);
      ps.executeUpdate();
    }
  }

  private static List<ApiKey> query(Connection c, String sql, String... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setString(i + 1, args[i]);
      }
      List<ApiKey> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new ApiKey(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
              Role.parse(rs.getString(6)), Scope.split(rs.getString(7)), rs.getString(8), rs.getString(9),
              rs.getString(18), StoredJson.map(rs.getString(10)), Instant.ofEpochMilli(rs.getLong(11)), instant(rs, 12),
              instant(rs, 13), rs.getString(14), instant(rs, 15), instant(rs, 16), instant(rs, 17)));
        }
      }
      return out;
    }
  }

  static void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.BIGINT);
    } else {
      ps.setLong(index, value.toEpochMilli());
    }
  }

  static Instant instant(ResultSet rs, int index) throws SQLException {
    long v = rs.getLong(index);
    return rs.wasNull() ? null : Instant.ofEpochMilli(v);
  }
}
