package dev.portcullis.routing.config;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

/**
 * Reads how long an upstream asked us to wait: {@code retry-after-ms} or {@code x-ms-retry-after-ms} (milliseconds),
 * else {@code retry-after} (seconds, or an HTTP date measured from the injected clock). The HTTP layer puts the answer
 * in {@link AttemptResult.Failure#retryAfter()}.
 */
public final class RetryAfterReader {

  /** Longer waits than this (about 31 years) are read as this, so absurd values cannot overflow. */
  private static final BigDecimal MAX_MILLIS = BigDecimal.valueOf(1_000_000_000_000L);

  private final Clock clock;

  public RetryAfterReader(Clock clock) {
    this.clock = clock;
  }

  /**
   * @param header looks a response header up by lower-case name, answering null when absent
   * @return the wait (a date in the past is zero), or null when no header says anything usable
   */
  public Duration read(Function<String, String> header) {
    for (String name : new String[] {"retry-after-ms", "x-ms-retry-after-ms"}) {
      BigDecimal millis = number(header.apply(name));
      if (millis != null) {
        return duration(millis);
      }
    }
    String retryAfter = header.apply("retry-after");
    if (retryAfter == null) {
      return null;
    }
    BigDecimal seconds = number(retryAfter);
    if (seconds != null) {
      return duration(seconds.movePointRight(3));
    }
    try {
      Duration untilDate = Duration.between(
          clock.instant(), ZonedDateTime.parse(retryAfter.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
      return untilDate.isNegative() ? Duration.ZERO : untilDate;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Duration duration(BigDecimal millis) {
    return Duration.ofMillis(millis.max(BigDecimal.ZERO).min(MAX_MILLIS).longValue());
  }

  private static BigDecimal number(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return new BigDecimal(text.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return "RetryAfterReader[" + clock + "]";
  }
}
