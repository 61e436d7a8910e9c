package dev.portcullis.routing.config;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: the wait before retry {@code n} is drawn uniformly from
 * {@code [0, min(cap, 100 ms × 2^(n-1))]}, so retries from many clients spread out instead of arriving together.
 */
public final class Backoff {

  static final Duration BASE = Duration.ofMillis(100);

  private final RandomGenerator random;

  public Backoff(RandomGenerator random) {
    this.random = random;
  }

  /**
   * @param retry 1 for the first retry, 2 for the second, ...
   * @param cap the largest ceiling the doubling may reach
   */
  public Duration delay(int retry, Duration cap) {
    if (retry < 1) {
      throw new IllegalArgumentException("retry: " + retry + " (expected: >= 1)");
    }
    long ceiling = retry > 31 ? cap.toMillis() : Math.min(cap.toMillis(), BASE.toMillis() << (retry - 1));
    return Duration.ofMillis(random.nextLong(ceiling + 1));
  }

  @Override
  public String toString() {
    return "Backoff[exponential from " + BASE.toMillis() + " ms, full jitter]";
  }
}
