package dev.portcullis.keys;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** JDBC access to {@code virtual_keys}; the credential column holds vault ciphertext only. Worker threads only. */
public final class VirtualKeyRepository {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COLUMNS =
      "id, workspace_id, slug, name, provider, base_url, models, created_at, enabled, secret_ciphertext, secret_key_id";

  private final DataSource dataSource;

  public VirtualKeyRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** A stored row: the key and its sealed credential. */
  public record Row(VirtualKey key, String ciphertext, String vaultKeyId) {}

  public void insert(Row row) {
    String sql = "INSERT INTO virtual_keys (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    VirtualKey k = row.key();
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, k.id());
      ps.setString(2, k.workspaceId());
      ps.setString(3, k.slug());
      ps.setString(4, k.name());
      ps.setString(5, k.provider());
      ps.setString(6, k.baseUrl());
      ps.setString(7, JSON.writeValueAsString(k.models()));
      ps.setLong(8, k.createdAt().toEpochMilli());
      ps.setInt(9, k.enabled() ? 1 : 0);
      ps.setString(10, row.ciphertext());
      ps.setString(11, row.vaultKeyId());
      ps.executeUpdate();
    } catch (SQLException | JsonProcessingException e) {
      throw new StoreFailure("cannot store virtual key '" + k.slug() + "'", e);
    }
  }

  public Optional<Row> findBySlug(String slug) {
    List<Row> rows = query("SELECT " + COLUMNS + " FROM virtual_keys WHERE slug = ?", slug);
    return rows.stream().findFirst();
  }

  public List<Row> list(String workspaceId) {
    return query("SELECT " + COLUMNS + " FROM virtual_keys WHERE workspace_id = ? ORDER BY created_at, slug", workspaceId);
  }

  public boolean delete(String slug) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("DELETE FROM virtual_keys WHERE slug = ?")) {
      ps.setString(1, slug);
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new StoreFailure("cannot delete virtual key '" + slug + "'", e);
    }
  }

  private List<Row> query(String sql, String arg) {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, arg);
      List<Row> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          VirtualKey key = new VirtualKey(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
              rs.getString(5), rs.getString(6), JSON.readValue(rs.getString(7), new TypeReference<List<String>>() {}),
              Instant.ofEpochMilli(rs.getLong(8)), rs.getInt(9) == 1);
          out.add(new Row(key, rs.getString(10), rs.getString(11)));
        }
      }
      return out;
    } catch (SQLException | JsonProcessingException e) {
      throw new StoreFailure("cannot read virtual keys", e);
    }
  }
}
