package dev.portcullis.observe.analytics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The two rollup tables of migration V10, per minute and per hour, with the same columns: {@code start_ms}, the
 * dimensions, and what is summed.
 */
enum RollupTable {
  MINUTES("request_log_rollups", 60_000L),
  HOURS("request_log_rollups_hourly", 3_600_000L);

  private final String table;
  private final long millis;
  private final String upsert;

  RollupTable(String table, long millis) {
    this.table = table;
    this.millis = millis;
    this.upsert = upsert(table);
  }

  String table() {
    return table;
  }

  /** How long one row's span is. */
  long millis() {
    return millis;
  }

  /** The start of the span holding {@code epochMillis}. */
  long start(long epochMillis) {
    return Math.floorDiv(epochMillis, millis) * millis;
  }

  /** Inserts a row, or adds its sums to the row with the same key. */
  String upsert() {
    return upsert;
  }

  /** {@code SUM(requests), SUM(errors), …} in the order {@link Tally#addSums} reads them. */
  static String summed() {
    return Columns.SUMS.stream().map(c -> "SUM(" + c + ")").collect(Collectors.joining(", "));
  }

  /** The column names, in a class of their own so that they exist before the constants are made. */
  private static final class Columns {
    /** Together with {@code start_ms}, the unique key of a rollup row. '' stands for "none". */
    static final List<String> DIMENSIONS =
        List.of("workspace_id", "provider", "model", "api_key_id", "virtual_key", "user_id", "status");

    /** In the order {@link Tally#addSums} reads them. */
    static final List<String> SUMS = sums();
  }

  private static List<String> sums() {
    List<String> sums = new ArrayList<>(List.of("requests", "errors", "input_tokens", "output_tokens", "cost_usd",
        "cache_lookups", "cache_hits", "cache_saved_usd"));
    for (int i = 0; i < LatencyBuckets.COUNT; i++) {
      sums.add("l" + i);
    }
    for (int i = 0; i < LatencyBuckets.COUNT; i++) {
      sums.add("t" + i);
    }
    return List.copyOf(sums);
  }

  private static String upsert(String table) {
    List<String> key = Stream.concat(Stream.of("start_ms"), Columns.DIMENSIONS.stream()).toList();
    List<String> columns = Stream.concat(key.stream(), Columns.SUMS.stream()).toList();
    return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
        + String.join(", ", Collections.nCopies(columns.size(), "?")) + ") ON CONFLICT (" + String.join(", ", key)
        + ") DO UPDATE SET " + Columns.SUMS.stream().map(c -> c + " = " + table + "." + c + " + excluded." + c)
            .collect(Collectors.joining(", "));
  }
}
