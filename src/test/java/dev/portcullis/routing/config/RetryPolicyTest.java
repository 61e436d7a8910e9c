package dev.portcullis.routing.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  private final Backoff backoff = new Backoff(EdgeRandom.top());
  private final RetryPolicy threeOnDefaults = RetryPolicy.of(3, RetryPolicy.DEFAULT_STATUS_CODES, false);
  private final RetryPolicy honoursRetryAfter = RetryPolicy.of(3, RetryPolicy.DEFAULT_STATUS_CODES, true);

  @Test
  void listedStatusIsRetriedAfterTheBackoff() {
    assertThat(threeOnDefaults.decide(0, failure(503), Duration.ZERO, backoff))
        .isEqualTo(RetryDecision.retry(Duration.ofMillis(100)));
    assertThat(threeOnDefaults.decide(2, failure(429), Duration.ZERO, backoff))
        .isEqualTo(RetryDecision.retry(Duration.ofMillis(400)));
  }

  @Test
  void unlistedStatusIsNotRetried() {
    assertThat(threeOnDefaults.decide(0, failure(400), Duration.ZERO, backoff)).isEqualTo(RetryDecision.noRetry());
    assertThat(RetryPolicy.of(3, Set.of(401), false).decide(0, failure(503), Duration.ZERO, backoff))
        .isEqualTo(RetryDecision.noRetry());
  }

  @Test
  void noRetryOnceEveryAttemptIsUsed() {
    assertThat(threeOnDefaults.decide(3, failure(503), Duration.ZERO, backoff)).isEqualTo(RetryDecision.noRetry());
    assertThat(RetryPolicy.NONE.decide(0, failure(503), Duration.ZERO, backoff)).isEqualTo(RetryDecision.noRetry());
  }

  @Test
  void connectionErrorIsAlwaysRetriedButTimeoutOnlyWhen408IsListed() {
    AttemptResult.Failure refused = AttemptResult.connectionError(new java.net.ConnectException("refused"));
    assertThat(threeOnDefaults.decide(0, refused, Duration.ZERO, backoff)).isInstanceOf(RetryDecision.Retry.class);
    assertThat(threeOnDefaults.decide(0, AttemptResult.timedOut(), Duration.ZERO, backoff))
        .isEqualTo(RetryDecision.noRetry());
    assertThat(RetryPolicy.of(3, Set.of(408), false).decide(0, AttemptResult.timedOut(), Duration.ZERO, backoff))
        .isInstanceOf(RetryDecision.Retry.class);
  }

  @Test
  void retryAfterReplacesTheBackoffOnlyWhenEnabled() {
    AttemptResult.Failure limited = AttemptResult.failure(429, Duration.ofSeconds(7));
    assertThat(honoursRetryAfter.decide(0, limited, Duration.ZERO, backoff))
        .isEqualTo(RetryDecision.retry(Duration.ofSeconds(7)));
    assertThat(threeOnDefaults.decide(0, limited, Duration.ZERO, backoff))
        .isEqualTo(RetryDecision.retry(Duration.ofMillis(100)));
  }

  @Test
  void retryAfterLongerThanTheMaxWaitMeansNoRetry() {
    assertThat(honoursRetryAfter.decide(0, AttemptResult.failure(429, Duration.ofSeconds(61)), Duration.ZERO, backoff))
        .isEqualTo(RetryDecision.noRetry());
    assertThat(honoursRetryAfter.decide(0, AttemptResult.failure(429, Duration.ofSeconds(60)), Duration.ZERO, backoff))
        .isEqualTo(RetryDecision.retry(Duration.ofSeconds(60)));
  }

  @Test
  void totalWaitOfOneTargetIsCappedAtTheMaxWait() {
    AttemptResult.Failure limited = AttemptResult.failure(429, Duration.ofSeconds(50));
    assertThat(honoursRetryAfter.decide(1, limited, Duration.ofSeconds(20), backoff))
        .isEqualTo(RetryDecision.noRetry());
    assertThat(honoursRetryAfter.decide(1, limited, Duration.ofSeconds(10), backoff))
        .isEqualTo(RetryDecision.retry(Duration.ofSeconds(50)));
  }

  @Test
  void attemptsAreLimitedToTen() {
    assertThatThrownBy(() -> RetryPolicy.of(11, Set.of(), false)).hasMessage("attempts: 11 (expected: 0..10)");
  }

  @Test
  void readsBackItsRules() {
    assertThat(RetryPolicy.of(2, Set.of(503, 429), true)).hasToString(
        "RetryPolicy[2 on [429, 503], Retry-After honoured, backoff cap 10000 ms, total wait cap 60000 ms]");
    assertThat(RetryPolicy.NONE).hasToString("RetryPolicy[none]");
  }

  private static AttemptResult.Failure failure(int status) {
    return AttemptResult.failure(status, null);
  }
}
