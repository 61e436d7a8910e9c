package dev.portcullis.observe.analytics;

import dev.portcullis.observe.RequestRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Adds a batch of request records to the per-minute and per-hour rollups, in the caller's transaction: the request
 * log writer calls it with the very rows it inserts, so rollups and rows commit or roll back together. Each (minute or hour,
 * dimensions) cell is one upsert that adds to the stored sums in SQL, so several nodes can write the same cell at once.
 */
public final class RequestLogRollups {

  /** Cells in one order on every node, so two nodes' transactions lock shared rows in the same order. */
  private static final Comparator<Cell> ORDER = Comparator.comparingLong(Cell::start)
      .thenComparing(Cell::workspace).thenComparing(Cell::provider).thenComparing(Cell::model)
      .thenComparing(Cell::apiKey).thenComparing(Cell::virtualKey).thenComparing(Cell::user)
      .thenComparingInt(Cell::status);

  private RequestLogRollups() {}

  /** Adds the records to their minutes' and hours' rollups on this connection (in its transaction, if one is open). */
  public static void add(Connection connection, List<RequestRecord> batch) throws SQLException {
    for (RollupTable table : RollupTable.values()) {
      add(connection, table, batch);
    }
  }

  private static void add(Connection connection, RollupTable table, List<RequestRecord> batch) throws SQLException {
    Map<Cell, Tally> cells = new TreeMap<>(ORDER);
    for (RequestRecord r : batch) {
      Cell cell = new Cell(table.start(r.startedAt().toEpochMilli()),
          none(r.workspaceId()), none(r.provider()), none(r.model()), none(r.apiKeyId()), none(r.virtualKey()),
          none(r.userId()), r.status());
      cells.computeIfAbsent(cell, c -> new Tally()).add(r.status(), r.latencyMs(), r.stream(), r.ttfbMs(),
          r.promptTokens(), r.completionTokens(), r.costUsd() == null ? null : r.costUsd().doubleValue(),
          r.cacheStatus(), r.cacheSavedUsd() == null ? null : r.cacheSavedUsd().doubleValue());
    }
    try (PreparedStatement upsert = connection.prepareStatement(table.upsert())) {
      for (Map.Entry<Cell, Tally> entry : cells.entrySet()) {
        bind(upsert, entry.getKey(), entry.getValue());
        upsert.addBatch();
      }
      upsert.executeBatch();
    }
  }

  private static String none(String value) {
    return value == null ? "" : value;
  }

  private static void bind(PreparedStatement upsert, Cell cell, Tally tally) throws SQLException {
    int i = 1;
    upsert.setLong(i++, cell.start());
    upsert.setString(i++, cell.workspace());
    upsert.setString(i++, cell.provider());
    upsert.setString(i++, cell.model());
    upsert.setString(i++, cell.apiKey());
    upsert.setString(i++, cell.virtualKey());
    upsert.setString(i++, cell.user());
    upsert.setInt(i++, cell.status());
    upsert.setLong(i++, tally.requests);
    upsert.setLong(i++, tally.errors);
    upsert.setLong(i++, tally.inputTokens);
    upsert.setLong(i++, tally.outputTokens);
    upsert.setDouble(i++, tally.costUsd);
    upsert.setLong(i++, tally.cacheLookups);
    upsert.setLong(i++, tally.cacheHits);
    upsert.setDouble(i++, tally.cacheSavedUsd);
    for (long count : tally.latency) {
      upsert.setLong(i++, count);
    }
    for (long count : tally.ttft) {
      upsert.setLong(i++, count);
    }
  }

  /** One rollup row's key. */
  private record Cell(long start, String workspace, String provider, String model, String apiKey,
      String virtualKey, String user, int status) {}
}
