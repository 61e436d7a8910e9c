package dev.portcullis.keys;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * SQL for {@code virtual_keys}; the secret columns hold vault ciphertext only, with the id of the master key that
 * sealed them. Every method runs on the caller's connection (and so in its transaction).
 */
final class VirtualKeyRepository {

  private static final String COLUMNS = "id, workspace_id, slug, name, provider, base_url, models, created_at, "
      + "enabled, settings, rotated_at, secret_ciphertext, secret_fields_ciphertext, secret_key_id";

  /**
   * A stored row: the key and its sealed secrets.
   *
   * @param ciphertext the sealed API key (an empty string sealed when the provider takes none)
   * @param fieldsCiphertext the sealed JSON object of other secret fields, or null when there are none
   * @param vaultKeyId the master key that sealed both
   */
  record Row(VirtualKey key, String ciphertext, String fieldsCiphertext, String vaultKeyId) {}

  void insert(Connection c, Row row) throws SQLException {
    VirtualKey k = row.key();
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO virtual_keys (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, k.id());
      ps.setString(2, k.workspaceId());
      ps.setString(3, k.slug());
      ps.setString(4, k.name());
      ps.setString(5, k.provider());
      ps.setString(6, k.baseUrl());
      ps.setString(7, StoredJson.write(k.models()));
      ps.setLong(8, k.createdAt().toEpochMilli());
      ps.setInt(9, k.enabled() ? 1 : 0);
      ps.setString(10, StoredJson.write(k.settings()));
      ApiKeyRepository.setInstant(ps, 11, k.rotatedAt());
      ps.setString(12, row.ciphertext());
      ps.setString(13, row.fieldsCiphertext());
      ps.setString(14, row.vaultKeyId());
      ps.executeUpdate();
    }
  }

  /** Writes the editable fields of the key itself. */
  void update(Connection c, VirtualKey k) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE virtual_keys SET name = ?, base_url = ?, models = ?, enabled = ? WHERE id = ?")) {
      ps.setString(1, k.name());
      ps.setString(2, k.baseUrl());
      ps.setString(3, StoredJson.write(k.models()));
      ps.setInt(4, k.enabled() ? 1 : 0);
      ps.setString(5, k.id());
      ps.executeUpdate();
    }
  }

  /** Replaces the credential (settings and sealed secrets) of a key, keeping its id and slug. */
  void replaceCredential(Connection c, Row row) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE virtual_keys SET settings = ?, rotated_at = ?, "
        + "secret_ciphertext = ?, secret_fields_ciphertext = ?, secret_key_id = ? WHERE id = ?")) {
      ps.setString(1, StoredJson.write(row.key().settings()));
      ApiKeyRepository.setInstant(ps, 2, row.key().rotatedAt());
      ps.setString(3, row.ciphertext());
      ps.setString(4, row.fieldsCiphertext());
      ps.setString(5, row.vaultKeyId());
      ps.setString(6, row.key().id());
      ps.executeUpdate();
    }
  }

  /**
   * Re-seals one row under another master key, only if it is still sealed by {@code expectedKeyId}; returns whether
   * it was. One row per call, so a crash between rows leaves every row readable by exactly one known key.
   */
  boolean reseal(Connection c, String id, String expectedKeyId, String ciphertext, String fieldsCiphertext,
      String newKeyId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE virtual_keys SET secret_ciphertext = ?, "
        + "secret_fields_ciphertext = ?, secret_key_id = ? WHERE id = ? AND secret_key_id = ?")) {
      ps.setString(1, ciphertext);
      ps.setString(2, fieldsCiphertext);
      ps.setString(3, newKeyId);
      ps.setString(4, id);
      ps.setString(5, expectedKeyId);
      return ps.executeUpdate() == 1;
    }
  }

  Optional<Row> find(Connection c, String workspaceId, String slug) throws SQLException {
    return query(c, "SELECT " + COLUMNS + " FROM virtual_keys WHERE workspace_id = ? AND slug = ?", workspaceId, slug)
        .stream().findFirst();
  }

  List<Row> list(Connection c, String workspaceId) throws SQLException {
    return query(c, "SELECT " + COLUMNS + " FROM virtual_keys WHERE workspace_id = ? ORDER BY created_at, slug",
        workspaceId);
  }

  /** Rows sealed by any master key but {@code keyId}. */
  List<Row> sealedByOtherThan(Connection c, String keyId) throws SQLException {
    return query(c, "SELECT " + COLUMNS + " FROM virtual_keys WHERE secret_key_id <> ? ORDER BY id", keyId);
  }

  /** How many rows each master key sealed. */
  Map<String, Integer> countByVaultKey(Connection c) throws SQLException {
    Map<String, Integer> out = new TreeMap<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT secret_key_id, COUNT(*) FROM virtual_keys GROUP BY secret_key_id");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getInt(2));
      }
    }
    return out;
  }

  int count(Connection c, String workspaceId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM virtual_keys WHERE workspace_id = ?")) {
      ps.setString(1, workspaceId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  void delete(Connection c, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM virtual_keys WHERE id = ?")) {
      ps.setString(1, id);
      ps.executeUpdate();
    }
  }

  private static List<Row> query(Connection c, String sql, String... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setString(i + 1, args[i]);
      }
      List<Row> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          VirtualKey key = new VirtualKey(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
              rs.getString(5), rs.getString(6), StoredJson.list(rs.getString(7)), Instant.ofEpochMilli(rs.getLong(8)),
              rs.getInt(9) == 1, StoredJson.map(rs.getString(10)), ApiKeyRepository.instant(rs, 11));
          out.add(new Row(key, rs.getString(12), rs.getString(13), rs.getString(14)));
        }
      }
      return out;
    }
  }
}
