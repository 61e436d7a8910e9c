package dev.portcullis.routing.config;

import dev.portcullis.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryAfterReaderTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T12:00:00Z"));
  private final RetryAfterReader reader = new RetryAfterReader(clock);

  @Test
  void retryAfterInSeconds() {
    assertThat(read(Map.of("retry-after", "7"))).isEqualTo(Duration.ofSeconds(7));
    assertThat(read(Map.of("retry-after", "1.5"))).isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void retryAfterAsHttpDateIsMeasuredFromTheClock() {
    assertThat(read(Map.of("retry-after", "Sat, 01 Mar 2025 12:00:30 GMT"))).isEqualTo(Duration.ofSeconds(30));
    clock.advance(Duration.ofSeconds(10));
    assertThat(read(Map.of("retry-after", "Sat, 01 Mar 2025 12:00:30 GMT"))).isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void dateInThePastMeansNoWait() {
    assertThat(read(Map.of("retry-after", "Sat, 01 Mar 2025 11:00:00 GMT"))).isEqualTo(Duration.ZERO);
  }

  @Test
  void millisecondHeadersWinOverRetryAfter() {
    assertThat(read(Map.of("retry-after-ms", "250", "retry-after", "7"))).isEqualTo(Duration.ofMillis(250));
    assertThat(read(Map.of("x-ms-retry-after-ms", "1200"))).isEqualTo(Duration.ofMillis(1200));
  }

  @Test
  void unusableOrAbsentHeadersSayNothing() {
    assertThat(read(Map.of())).isNull();
    assertThat(read(Map.of("retry-after", "soon"))).isNull();
    assertThat(read(Map.of("retry-after-ms", "", "retry-after", "2"))).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void negativeIsZeroAndAbsurdlyLargeIsClamped() {
    assertThat(read(Map.of("retry-after", "-5"))).isEqualTo(Duration.ZERO);
    assertThat(read(Map.of("retry-after", "1e40"))).isEqualTo(Duration.ofMillis(1_000_000_000_000L));
  }

  private Duration read(Map<String, String> headers) {
    return reader.read(headers::get);
  }
}
