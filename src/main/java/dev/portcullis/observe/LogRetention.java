package dev.portcullis.observe;

import dev.portcullis.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prunes the request log: rows (and their analytics rollups) older than their workspace's
 * {@code log_retention_days}, or {@code PORTCULLIS_LOG_RETENTION_DAYS} for workspaces without one; kept request
 * bodies older than {@code PORTCULLIS_BODY_RETENTION_DAYS}, whatever the workspace. Rows and bodies go in batches of
 * {@value #BATCH} per statement, each committed on its own, so the log writer never waits long for the database.
 * Blocks: run it off the event loop.
 */
public final class LogRetention {

  static final int BATCH = 5_000;

  private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();

  /** The rollup tables and the length of one row's span: a rollup goes once all of its span has expired. */
  private static final Map<String, Long> ROLLUPS =
      Map.of("request_log_rollups", 60_000L, "request_log_rollups_hourly", 3_600_000L);

  private final Database database;
  private final int logDays;
  private final int bodyDays;
  private final Clock clock;

  /**
   * @param logDays the days of log a workspace without its own setting keeps
   * @param bodyDays the days request bodies are kept
   */
  public LogRetention(Database database, int logDays, int bodyDays, Clock clock) {
    this.database = database;
    this.logDays = logDays;
    this.bodyDays = bodyDays;
    this.clock = clock;
  }

  /** Deletes everything expired now; answers how many log rows and bodies went. */
  public Pruned prune() {
    long now = clock.millis();
    Map<String, Integer> overrides = database.read("read workspace log retention", LogRetention::overrides);
    long rows = 0;
    String others = overrides.isEmpty() ? "1 = 1"
        : "workspace_id NOT IN (" + String.join(", ", Collections.nCopies(overrides.size(), "?")) + ")";
    Object[] otherIds = overrides.keySet().toArray();
    // Rollups hold '' where a row's workspace is null.
    rows += pruneRows("(workspace_id IS NULL OR " + others + ")", others, now - logDays * DAY_MILLIS, otherIds);
    for (Map.Entry<String, Integer> workspace : overrides.entrySet()) {
      rows += pruneRows("workspace_id = ?", "workspace_id = ?", now - workspace.getValue() * DAY_MILLIS,
          workspace.getKey());
    }
    long bodies = inBatches("DELETE FROM request_bodies WHERE request_id IN (SELECT request_id FROM request_bodies"
        + " WHERE started_at < ? LIMIT " + BATCH + ")", now - bodyDays * DAY_MILLIS);
    return new Pruned(rows, bodies);
  }

  /**
   * Deletes the rows of the workspaces the conditions select (with the ids as arguments) from before {@code cutoff},
   * and their rollups whose span ended by then.
   */
  private long pruneRows(String rowWorkspaces, String rollupWorkspaces, long cutoff, Object... workspaceIds) {
    Object[] arguments = append(workspaceIds, cutoff);
    long deleted = inBatches("DELETE FROM request_logs WHERE id IN (SELECT id FROM request_logs WHERE " + rowWorkspaces
        + " AND started_at < ? LIMIT " + BATCH + ")", arguments);
    for (Map.Entry<String, Long> rollup : ROLLUPS.entrySet()) {
      database.read("prune " + rollup.getKey(), c -> execute(c, "DELETE FROM " + rollup.getKey() + " WHERE "
          + rollupWorkspaces + " AND start_ms <= ?",
          append(workspaceIds, cutoff - rollup.getValue())));
    }
    return deleted;
  }

  private long inBatches(String delete, Object... arguments) {
    long total = 0;
    int deleted;
    do {
      deleted = database.read("prune the request log", c -> execute(c, delete, arguments));
      total += deleted;
    } while (deleted == BATCH);
    return total;
  }

  private static int execute(Connection c, String sql, Object... arguments) throws SQLException {
    try (PreparedStatement statement = c.prepareStatement(sql)) {
      for (int i = 0; i < arguments.length; i++) {
        statement.setObject(i + 1, arguments[i]);
      }
      return statement.executeUpdate();
    }
  }

  private static Object[] append(Object[] values, Object last) {
    Object[] all = new Object[values.length + 1];
    System.arraycopy(values, 0, all, 0, values.length);
    all[values.length] = last;
    return all;
  }

  private static Map<String, Integer> overrides(Connection c) throws SQLException {
    Map<String, Integer> days = new LinkedHashMap<>();
    try (PreparedStatement select = c.prepareStatement(
            "SELECT id, log_retention_days FROM workspaces WHERE log_retention_days IS NOT NULL ORDER BY id");
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        days.put(rows.getString(1), rows.getInt(2));
      }
    }
    return days;
  }

  /** What one pass deleted. */
  public record Pruned(long rows, long bodies) {}
}
