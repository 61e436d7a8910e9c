package dev.portcullis.routing.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private static final Duration CAP = Duration.ofSeconds(10);

  @Test
  void ceilingStartsAt100MillisAndDoublesUpToTheCap() {
    Backoff backoff = new Backoff(EdgeRandom.top());
    assertThat(IntStream.rangeClosed(1, 10).mapToObj(n -> backoff.delay(n, CAP).toMillis()))
        .containsExactly(100L, 200L, 400L, 800L, 1600L, 3200L, 6400L, 10000L, 10000L, 10000L);
  }

  @Test
  void fullJitterCanWaitNothingAtAll() {
    Backoff backoff = new Backoff(EdgeRandom.bottom());
    assertThat(IntStream.rangeClosed(1, 10).mapToObj(n -> backoff.delay(n, CAP))).containsOnly(Duration.ZERO);
  }

  @Test
  void seededRandomGivesTheSameWaitsEveryRunWithinTheCeiling() {
    Backoff backoff = new Backoff(new SplittableRandom(42));
    long[] waits = IntStream.rangeClosed(1, 5).mapToLong(n -> backoff.delay(n, CAP).toMillis()).toArray();
    Backoff again = new Backoff(new SplittableRandom(42));
    assertThat(IntStream.rangeClosed(1, 5).mapToLong(n -> again.delay(n, CAP).toMillis()).toArray())
        .containsExactly(waits);
    for (int n = 1; n <= 5; n++) {
      assertThat(waits[n - 1]).isBetween(0L, 100L << (n - 1));
    }
  }

  @Test
  void farRetriesStayAtTheCapWithoutOverflowing() {
    assertThat(new Backoff(EdgeRandom.top()).delay(64, CAP)).isEqualTo(CAP);
  }

  @Test
  void retryNumbersStartAtOne() {
    assertThatThrownBy(() -> new Backoff(EdgeRandom.top()).delay(0, CAP))
        .hasMessage("retry: 0 (expected: >= 1)");
  }
}
