package dev.portcullis.observe.analytics;

/**
 * The fixed log-scale buckets of the latency histograms: bucket 0 holds 0 ms, bucket {@code i} ≥ 1 holds
 * [2^((i-1)/4), 2^(i/4)) ms, and the last bucket everything from 2^20 ms (about 17 minutes) up. Four buckets per
 * doubling put any value within 9% of its bucket's geometric middle, which is what a percentile reports. Histograms
 * over the same buckets merge by adding counts, in Java or in SQL.
 */
final class LatencyBuckets {

  /** Buckets per doubling. */
  private static final int PER_DOUBLING = 4;

  static final int COUNT = 2 + 20 * PER_DOUBLING;

  private static final double LOG_2 = Math.log(2);

  private LatencyBuckets() {}

  /** The bucket of a value in milliseconds. */
  static int of(long millis) {
    if (millis <= 0) {
      return 0;
    }
    int index = 1 + (int) Math.floor(PER_DOUBLING * Math.log(millis) / LOG_2 + 1e-9);
    return Math.min(index, COUNT - 1);
  }

  /** The value a percentile falling in bucket {@code index} reports: the bucket's geometric middle, 0.1 ms precise. */
  static double value(int index) {
    if (index == 0) {
      return 0;
    }
    double middle = Math.pow(2, (index - 0.5) / PER_DOUBLING);
    return Math.round(middle * 10) / 10.0;
  }

  /**
   * The value at quantile {@code q} (0..1) of a histogram over these buckets, or null when it is empty: the bucket
   * holding the ceil(q × n)-th smallest value.
   */
  static Double quantile(long[] counts, double q) {
    long total = 0;
    for (long c : counts) {
      total += c;
    }
    if (total == 0) {
      return null;
    }
    long rank = Math.max(1, (long) Math.ceil(q * total));
    long seen = 0;
    for (int i = 0; i < counts.length; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return value(i);
      }
    }
    return value(counts.length - 1);
  }
}
