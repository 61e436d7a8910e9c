package dev.portcullis.observe.analytics;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Running sums over request log rows, and their latency histograms: what one rollup row or one answer group holds.
 * Two tallies merge by adding every field. Mutable and confined to one thread.
 */
final class Tally {

  long requests;
  long errors;
  long inputTokens;
  long outputTokens;
  double costUsd;
  long cacheLookups;
  long cacheHits;
  double cacheSavedUsd;
  final long[] latency = new long[LatencyBuckets.COUNT];
  final long[] ttft = new long[LatencyBuckets.COUNT];

  /**
   * Counts one log row. Nullable columns count as nothing when null; time to first token counts for streams only.
   *
   * @param cacheStatus as on the log row: a lookup unless null or {@code DISABLED}, a hit when {@code HIT} or
   *     {@code SEMANTIC_HIT}
   */
  void add(int status, long latencyMs, boolean stream, Long ttfbMs, Integer inputTokens, Integer outputTokens,
      Double costUsd, String cacheStatus, Double cacheSavedUsd) {
    requests++;
    if (status >= 400) {
      errors++;
    }
    latency[LatencyBuckets.of(latencyMs)]++;
    if (stream && ttfbMs != null) {
      ttft[LatencyBuckets.of(ttfbMs)]++;
    }
    this.inputTokens += inputTokens == null ? 0 : inputTokens;
    this.outputTokens += outputTokens == null ? 0 : outputTokens;
    this.costUsd += costUsd == null ? 0 : costUsd;
    if (cacheStatus != null && !cacheStatus.equals("DISABLED")) {
      cacheLookups++;
      if (cacheStatus.equals("HIT") || cacheStatus.equals("SEMANTIC_HIT")) {
        cacheHits++;
      }
    }
    this.cacheSavedUsd += cacheSavedUsd == null ? 0 : cacheSavedUsd;
  }

  /** Adds every field of the other tally to this one's. */
  Tally merge(Tally other) {
    requests += other.requests;
    errors += other.errors;
    inputTokens += other.inputTokens;
    outputTokens += other.outputTokens;
    costUsd += other.costUsd;
    cacheLookups += other.cacheLookups;
    cacheHits += other.cacheHits;
    cacheSavedUsd += other.cacheSavedUsd;
    for (int i = 0; i < LatencyBuckets.COUNT; i++) {
      latency[i] += other.latency[i];
      ttft[i] += other.ttft[i];
    }
    return this;
  }

  /** Adds the sums of the summed columns of {@link RollupTable} read from the row, starting at column {@code first}. */
  void addSums(ResultSet row, int first) throws SQLException {
    int column = first;
    requests += row.getLong(column++);
    errors += row.getLong(column++);
    inputTokens += row.getLong(column++);
    outputTokens += row.getLong(column++);
    costUsd += row.getDouble(column++);
    cacheLookups += row.getLong(column++);
    cacheHits += row.getLong(column++);
    cacheSavedUsd += row.getDouble(column++);
    for (int i = 0; i < LatencyBuckets.COUNT; i++) {
      latency[i] += row.getLong(column++);
    }
    for (int i = 0; i < LatencyBuckets.COUNT; i++) {
      ttft[i] += row.getLong(column++);
    }
  }

  Summary summary() {
    return new Summary(requests, errors, requests == 0 ? 0 : rounded((double) errors / requests),
        LatencyBuckets.quantile(latency, 0.5), LatencyBuckets.quantile(latency, 0.9),
        LatencyBuckets.quantile(latency, 0.99), LatencyBuckets.quantile(ttft, 0.5),
        LatencyBuckets.quantile(ttft, 0.99), inputTokens, outputTokens, rounded(costUsd),
        cacheLookups == 0 ? 0 : rounded((double) cacheHits / cacheLookups), rounded(cacheSavedUsd));
  }

  /** Nine decimals: enough for micro-dollars, and no 0.30000000000000004 in answers. */
  private static double rounded(double value) {
    return Math.round(value * 1e9) / 1e9;
  }
}
