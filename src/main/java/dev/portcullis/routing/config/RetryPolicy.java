package dev.portcullis.routing.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * How one target retries its own failures (Portkey's {@code retry} object).
 *
 * <p>A failure is retried while retries remain when its status is in {@code onStatusCodes} or it is a connection
 * error (no answer at all). A timeout is status 408 and is retried only when 408 is listed. The wait is the
 * upstream's Retry-After when {@code useRetryAfter} is set and the upstream sent one, else {@link Backoff}. A target
 * never waits longer than {@code maxWait} in total: a wait that would pass it (a Retry-After of 2 minutes, say) ends
 * the retries instead.
 *
 * @param attempts retries after the first try, 0..10
 * @param onStatusCodes statuses that are retried
 * @param useRetryAfter whether Retry-After / retry-after-ms replace the backoff ({@code use_retry_after_header(s)})
 * @param maxBackoff the cap on one backoff wait
 * @param maxWait the cap on the total wait between one target's attempts
 */
public record RetryPolicy(
    int attempts, Set<Integer> onStatusCodes, boolean useRetryAfter, Duration maxBackoff, Duration maxWait) {

  public static final int MAX_ATTEMPTS = 10;
  public static final Set<Integer> DEFAULT_STATUS_CODES = Set.of(429, 500, 502, 503, 504, 529);
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(10);
  public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(60);

  /** No retries: the first failure stands. */
  public static final RetryPolicy NONE = of(0, DEFAULT_STATUS_CODES, false);

  public RetryPolicy {
    if (attempts < 0 || attempts > MAX_ATTEMPTS) {
      throw new IllegalArgumentException("attempts: " + attempts + " (expected: 0.." + MAX_ATTEMPTS + ")");
    }
    onStatusCodes = Set.copyOf(onStatusCodes);
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(maxWait, "maxWait");
  }

  /** A policy with the default caps (10 s per backoff wait, 60 s in total). */
  public static RetryPolicy of(int attempts, Set<Integer> onStatusCodes, boolean useRetryAfter) {
    return new RetryPolicy(attempts, onStatusCodes, useRetryAfter, DEFAULT_MAX_BACKOFF, DEFAULT_MAX_WAIT);
  }

  /**
   * @param retriesDone retries already made on this target (0 after the first try failed)
   * @param failure how the latest attempt failed
   * @param waited the total already waited between this target's attempts
   */
  public RetryDecision decide(int retriesDone, AttemptResult.Failure failure, Duration waited, Backoff backoff) {
    boolean retryable = failure.status() == AttemptResult.CONNECTION_ERROR
        || onStatusCodes.contains(failure.status());
    if (retriesDone >= attempts || !retryable) {
      return RetryDecision.noRetry();
    }
    Duration wait = useRetryAfter && failure.retryAfter() != null
        ? max(failure.retryAfter(), Duration.ZERO)
        : backoff.delay(retriesDone + 1, maxBackoff);
    if (waited.plus(wait).compareTo(maxWait) > 0) {
      return RetryDecision.noRetry();
    }
    return RetryDecision.retry(wait);
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  @Override
  public String toString() {
    if (attempts == 0) {
      return "RetryPolicy[none]";
    }
    return "RetryPolicy[" + attempts + " on " + new TreeSet<>(onStatusCodes)
        + (useRetryAfter ? ", Retry-After honoured" : "") + ", backoff cap " + maxBackoff.toMillis()
        + " ms, total wait cap " + maxWait.toMillis() + " ms]";
  }
}
