package dev.portcullis.observe.analytics;

import dev.portcullis.observe.RequestRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Adds a batch of request records to the per-minute rollups, in the caller's transaction: the request log writer
 * calls it with the very rows it inserts, so rollups and rows commit or roll back together. Each (minute, dimensions)
 * cell is one upsert that adds to the stored sums in SQL, so several nodes can write the same cell at once.
 */
public final class RequestLogRollups {

  private static final long MINUTE_MILLIS = 60_000;

  private static final String UPSERT = upsert();

  /** Cells in one order on every node, so two nodes' transactions lock shared rows in the same order. */
  private static final Comparator<Cell> ORDER = Comparator.comparingLong(Cell::minute)
      .thenComparing(Cell::workspace).thenComparing(Cell::provider).thenComparing(Cell::model)
      .thenComparing(Cell::apiKey).thenComparing(Cell::virtualKey).thenComparing(Cell::user)
      .thenComparingInt(Cell::status);

  private RequestLogRollups() {}

  /** Adds the records to their minutes' rollups on this connection (in its transaction, if one is open). */
  public static void add(Connection connection, List<RequestRecord> batch) throws SQLException {
    Map<Cell, Tally> cells = new TreeMap<>(ORDER);
    for (RequestRecord r : batch) {
      Cell cell = new Cell(Math.floorDiv(r.startedAt().toEpochMilli(), MINUTE_MILLIS) * MINUTE_MILLIS,
          none(r.workspaceId()), none(r.provider()), none(r.model()), none(r.apiKeyId()), none(r.virtualKey()),
          none(r.userId()), r.status());
      cells.computeIfAbsent(cell, c -> new Tally()).add(r.status(), r.latencyMs(), r.stream(), r.ttfbMs(),
          r.promptTokens(), r.completionTokens(), r.costUsd() == null ? null : r.costUsd().doubleValue(),
          r.cacheStatus(), r.cacheSavedUsd() == null ? null : r.cacheSavedUsd().doubleValue());
    }
    try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
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
    upsert.setLong(i++, cell.minute());
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

  private static String upsert() {
    List<String> key = Stream.concat(Stream.of("minute"), RollupColumns.DIMENSIONS.stream()).toList();
    List<String> columns = Stream.concat(key.stream(), RollupColumns.SUMS.stream()).toList();
    return "INSERT INTO " + RollupColumns.TABLE + " (" + String.join(", ", columns) + ") VALUES ("
        + String.join(", ", Collections.nCopies(columns.size(), "?")) + ") ON CONFLICT (" + String.join(", ", key)
        + ") DO UPDATE SET " + RollupColumns.SUMS.stream()
            .map(c -> c + " = " + RollupColumns.TABLE + "." + c + " + excluded." + c)
            .collect(Collectors.joining(", "));
  }

  /** One rollup row's key. */
  private record Cell(long minute, String workspace, String provider, String model, String apiKey,
      String virtualKey, String user, int status) {}
}
