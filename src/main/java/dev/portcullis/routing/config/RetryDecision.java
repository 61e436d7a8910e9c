package dev.portcullis.routing.config;

import java.time.Duration;
import java.util.Objects;

/** Whether a failed attempt is tried again, and after how long. */
public sealed interface RetryDecision permits RetryDecision.Retry, RetryDecision.NoRetry {

  static RetryDecision retry(Duration delay) {
    return new Retry(delay);
  }

  static RetryDecision noRetry() {
    return NoRetry.INSTANCE;
  }

  /** Try the same target again once {@code delay} has passed. */
  record Retry(Duration delay) implements RetryDecision {
    public Retry {
      Objects.requireNonNull(delay, "delay");
      if (delay.isNegative()) {
        throw new IllegalArgumentException("delay: " + delay + " (expected: >= 0)");
      }
    }
  }

  /** The failure stands for this target. */
  enum NoRetry implements RetryDecision {
    INSTANCE;

    @Override
    public String toString() {
      return "NoRetry";
    }
  }
}
