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

/** SQL for {@code workspaces}. Every method runs on the caller's connection (and so in its transaction). */
final class WorkspaceRepository {

  private static final String COLUMNS =
      "id, parent_id, name, enabled, max_api_keys, max_virtual_keys, max_workspaces, metadata, created_at, deleted_at,"
      + " log_retention_days";

  void insert(Connection c, Workspace w) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO workspaces (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, w.id());
      ps.setString(2, w.parentId());
      bind(ps, 3, w);
      ps.setLong(9, w.createdAt().toEpochMilli());
      ApiKeyRepository.setInstant(ps, 10, w.deletedAt());
      setInteger(ps, 11, w.logRetentionDays());
      ps.executeUpdate();
    }
  }

  void update(Connection c, Workspace w) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE workspaces SET name = ?, enabled = ?, max_api_keys = ?, "
        + "max_virtual_keys = ?, max_workspaces = ?, metadata = ?, deleted_at = ?, log_retention_days = ? "
        + "WHERE id = ?")) {
      bind(ps, 1, w);
      ApiKeyRepository.setInstant(ps, 7, w.deletedAt());
      setInteger(ps, 8, w.logRetentionDays());
      ps.setString(9, w.id());
      ps.executeUpdate();
    }
  }

  /**
   * Takes the row lock of a workspace for the rest of the transaction, so checks against its limits and the inserts
   * they allow happen one transaction at a time, on every node.
   */
  void lock(Connection c, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE workspaces SET name = name WHERE id = ?")) {
      ps.setString(1, id);
      ps.executeUpdate();
    }
  }

  /** A workspace that has not been deleted. */
  Optional<Workspace> find(Connection c, String id) throws SQLException {
    return query(c, "SELECT " + COLUMNS + " FROM workspaces WHERE id = ? AND deleted_at IS NULL", id).stream()
        .findFirst();
  }

  /** The workspace and its ancestors, nearest first, ending at the root; empty when it does not exist. */
  List<Workspace> lineage(Connection c, String id) throws SQLException {
    List<Workspace> out = new ArrayList<>();
    String next = id;
    while (next != null) {
      Optional<Workspace> w = find(c, next);
      if (w.isEmpty()) {
        return List.of();
      }
      out.add(w.get());
      next = w.get().parentId();
    }
    return out;
  }

  /** The workspace and every live descendant, parents before children. */
  List<Workspace> subtree(Connection c, String id) throws SQLException {
    return query(c, "WITH RECURSIVE sub(id) AS (SELECT id FROM workspaces WHERE id = ? AND deleted_at IS NULL"
        + " UNION ALL SELECT w.id FROM workspaces w JOIN sub ON w.parent_id = sub.id WHERE w.deleted_at IS NULL)"
        + " SELECT " + COLUMNS + " FROM workspaces WHERE id IN (SELECT id FROM sub) ORDER BY created_at, id", id);
  }

  /** Ids of the workspace and every descendant, deleted ones included (their history stays visible). */
  List<String> subtreeIdsWithDeleted(Connection c, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("WITH RECURSIVE sub(id) AS (SELECT id FROM workspaces WHERE id = ?"
        + " UNION ALL SELECT w.id FROM workspaces w JOIN sub ON w.parent_id = sub.id) SELECT id FROM sub")) {
      ps.setString(1, id);
      List<String> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    }
  }

  /** The live child of {@code parentId} named {@code name} (case-insensitively), if any. */
  Optional<Workspace> findChild(Connection c, String parentId, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM workspaces WHERE parent_id = ?"
        + " AND LOWER(name) = LOWER(?) AND deleted_at IS NULL")) {
      ps.setString(1, parentId);
      ps.setString(2, name);
      return read(ps).stream().findFirst();
    }
  }

  int countChildren(Connection c, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT COUNT(*) FROM workspaces WHERE parent_id = ? AND deleted_at IS NULL")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  private static void bind(PreparedStatement ps, int from, Workspace w) throws SQLException {
    ps.setString(from, w.name());
    ps.setInt(from + 1, w.enabled() ? 1 : 0);
    setInteger(ps, from + 2, w.limits().maxApiKeys());
    setInteger(ps, from + 3, w.limits().maxVirtualKeys());
    setInteger(ps, from + 4, w.limits().maxWorkspaces());
    ps.setString(from + 5, StoredJson.write(w.metadata()));
  }

  private static List<Workspace> query(Connection c, String sql, String arg) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, arg);
      return read(ps);
    }
  }

  private static List<Workspace> read(PreparedStatement ps) throws SQLException {
    List<Workspace> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new Workspace(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4) == 1,
            new WorkspaceLimits(integer(rs, 5), integer(rs, 6), integer(rs, 7)), StoredJson.map(rs.getString(8)),
            Instant.ofEpochMilli(rs.getLong(9)), ApiKeyRepository.instant(rs, 10), integer(rs, 11)));
      }
    }
    return out;
  }

  private static void setInteger(PreparedStatement ps, int index, Integer value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.INTEGER);
    } else {
      ps.setInt(index, value);
    }
  }

  private static Integer integer(ResultSet rs, int index) throws SQLException {
    int v = rs.getInt(index);
    return rs.wasNull() ? null : v;
  }
}
