package dev.portcullis.routing.saved;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** JDBC access to {@code routing_configs}: every version is a row; the newest is the config in force. */
public final class SavedConfigRepository {

  private static final String COLUMNS = "id, workspace_id, name, version, body, created_at";

  private final DataSource dataSource;

  public SavedConfigRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public void insert(SavedConfig c) {
    String sql = "INSERT INTO routing_configs (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)";
    try (Connection conn = dataSource.getConnection(); PreparedStatement ps = conn.prepareStatement(sql)) {
      ps.setString(1, c.id());
      ps.setString(2, c.workspaceId());
      ps.setString(3, c.name());
      ps.setInt(4, c.version());
      ps.setString(5, c.body());
      ps.setLong(6, c.createdAt().toEpochMilli());
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot store config '" + c.id() + "' version " + c.version() + ": "
          + e.getMessage(), e);
    }
  }

  /** The newest version, or a given one. */
  public Optional<SavedConfig> find(String id, Integer version) {
    String sql = "SELECT " + COLUMNS + " FROM routing_configs WHERE id = ?"
        + (version == null ? " ORDER BY version DESC LIMIT 1" : " AND version = ?");
    try (Connection conn = dataSource.getConnection(); PreparedStatement ps = conn.prepareStatement(sql)) {
      ps.setString(1, id);
      if (version != null) {
        ps.setInt(2, version);
      }
      List<SavedConfig> rows = read(ps);
      return rows.stream().findFirst();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read config '" + id + "': " + e.getMessage(), e);
    }
  }

  /** The newest version of every config in a workspace. */
  public List<SavedConfig> listLatest(String workspaceId) {
    String sql = "SELECT " + COLUMNS + " FROM routing_configs c WHERE workspace_id = ? AND version = "
        + "(SELECT MAX(version) FROM routing_configs v WHERE v.id = c.id) ORDER BY created_at, id";
    try (Connection conn = dataSource.getConnection(); PreparedStatement ps = conn.prepareStatement(sql)) {
      ps.setString(1, workspaceId);
      return read(ps);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot list configs: " + e.getMessage(), e);
    }
  }

  public List<SavedConfig> versions(String id) {
    String sql = "SELECT " + COLUMNS + " FROM routing_configs WHERE id = ? ORDER BY version";
    try (Connection conn = dataSource.getConnection(); PreparedStatement ps = conn.prepareStatement(sql)) {
      ps.setString(1, id);
      return read(ps);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot list versions of config '" + id + "': " + e.getMessage(), e);
    }
  }

  public boolean delete(String id) {
    try (Connection conn = dataSource.getConnection();
        PreparedStatement ps = conn.prepareStatement("DELETE FROM routing_configs WHERE id = ?")) {
      ps.setString(1, id);
      return ps.executeUpdate() > 0;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot delete config '" + id + "': " + e.getMessage(), e);
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
