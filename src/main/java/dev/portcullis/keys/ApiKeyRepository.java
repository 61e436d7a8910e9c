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
import javax.sql.DataSource;

/** JDBC access to {@code api_keys}. Blocking: call from worker threads only. */
public final class ApiKeyRepository {

  private static final String COLUMNS =
      "id, workspace_id, name, key_hash, display_prefix, role, created_at, expires_at, revoked_at";

  private final DataSource dataSource;

  public ApiKeyRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public void insert(ApiKey key) {
    String sql = "INSERT INTO api_keys (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, key.id());
      ps.setString(2, key.workspaceId());
      ps.setString(3, key.name());
      ps.setString(4, key.keyHash());
      ps.setString(5, key.displayPrefix());
      ps.setString(6, key.role().wireName());
      ps.setLong(7, key.createdAt().toEpochMilli());
      setInstant(ps, 8, key.expiresAt());
      setInstant(ps, 9, key.revokedAt());
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreFailure("cannot store api key '" + key.name() + "'", e);
    }
  }

  public Optional<ApiKey> findByHash(String keyHash) {
    return one("SELECT " + COLUMNS + " FROM api_keys WHERE key_hash = ?", keyHash);
  }

  public Optional<ApiKey> findById(String id) {
    return one("SELECT " + COLUMNS + " FROM api_keys WHERE id = ?", id);
  }

  public List<ApiKey> list(String workspaceId) {
    String sql = "SELECT " + COLUMNS + " FROM api_keys WHERE workspace_id = ? ORDER BY created_at, id";
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, workspaceId);
      List<ApiKey> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(read(rs));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreFailure("cannot list api keys", e);
    }
  }

  /** Marks the key revoked; returns false when there is no such active key. */
  public boolean revoke(String id, Instant at) {
    String sql = "UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL";
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, at.toEpochMilli());
      ps.setString(2, id);
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new StoreFailure("cannot revoke api key '" + id + "'", e);
    }
  }

  void delete(String id) {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("DELETE FROM api_keys WHERE id = ?")) {
      ps.setString(1, id);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreFailure("cannot delete api key '" + id + "'", e);
    }
  }

  private Optional<ApiKey> one(String sql, String arg) {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, arg);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreFailure("cannot read api keys", e);
    }
  }

  private static ApiKey read(ResultSet rs) throws SQLException {
    return new ApiKey(
        rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
        Role.parse(rs.getString(6)), Instant.ofEpochMilli(rs.getLong(7)), instant(rs, 8), instant(rs, 9));
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
