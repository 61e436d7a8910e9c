package dev.portcullis.observe.analytics;

import java.util.Locale;

/** The width of a time series' buckets; buckets start at whole minutes, hours or days (UTC). */
public enum TimeBucket {
  MINUTE(60_000L),
  HOUR(3_600_000L),
  DAY(86_400_000L);

  private final long millis;

  TimeBucket(long millis) {
    this.millis = millis;
  }

  long millis() {
    return millis;
  }

  /** The name clients use: {@code minute}, {@code hour} or {@code day}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @throws IllegalArgumentException naming the value and the choices, when it is none of them
   */
  public static TimeBucket parse(String value) {
    for (TimeBucket bucket : values()) {
      if (bucket.label().equals(value)) {
        return bucket;
      }
    }
    throw new IllegalArgumentException("bucket: '" + value + "' (expected: minute, hour or day)");
  }
}
