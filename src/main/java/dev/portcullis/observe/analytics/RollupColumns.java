package dev.portcullis.observe.analytics;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The columns of {@code request_log_rollups} (migration V10): a minute, its dimensions, and what is summed. */
final class RollupColumns {

  static final String TABLE = "request_log_rollups";

  /** Together with {@code minute}, the unique key of a rollup row. '' stands for "none". */
  static final List<String> DIMENSIONS =
      List.of("workspace_id", "provider", "model", "api_key_id", "virtual_key", "user_id", "status");

  /** In the order {@link Tally#addSums} reads them. */
  static final List<String> SUMS = sums();

  private RollupColumns() {}

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

  /** {@code SUM(requests), SUM(errors), …} in {@link #SUMS} order. */
  static String summed() {
    return SUMS.stream().map(c -> "SUM(" + c + ")").collect(Collectors.joining(", "));
  }
}
