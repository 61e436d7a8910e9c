package dev.portcullis.routing.config;

import java.time.Duration;
import java.util.Objects;

/**
 * When circuit breakers open and for how long.
 *
 * @param windowSize how many of a target's latest calls are counted
 * @param minimumCalls calls the window must hold before the breaker may open
 * @param failureRateThreshold failure share of the window at which the breaker opens, in (0, 1]
 * @param cooldown how long an open breaker skips its target before letting one probe through
 */
public record BreakerSettings(int windowSize, int minimumCalls, double failureRateThreshold, Duration cooldown) {

  /** 20 calls counted, at least 10 before opening, open at 50% failures, 30 s cooldown. */
  public static final BreakerSettings DEFAULTS = new BreakerSettings(20, 10, 0.5, Duration.ofSeconds(30));

  public BreakerSettings {
    if (windowSize < 1) {
      throw new IllegalArgumentException("windowSize: " + windowSize + " (expected: >= 1)");
    }
    if (minimumCalls < 1 || minimumCalls > windowSize) {
      throw new IllegalArgumentException("minimumCalls: " + minimumCalls + " (expected: 1.." + windowSize + ")");
    }
    if (!(failureRateThreshold > 0 && failureRateThreshold <= 1)) {
      throw new IllegalArgumentException("failureRateThreshold: " + failureRateThreshold + " (expected: > 0 and <= 1)");
    }
    Objects.requireNonNull(cooldown, "cooldown");
    if (cooldown.isNegative() || cooldown.isZero()) {
      throw new IllegalArgumentException("cooldown: " + cooldown + " (expected: > 0)");
    }
  }
}
