package dev.portcullis.policy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * The window a limit counts in: fixed windows aligned to UTC (a minute from :00, a day from midnight UTC, a week
 * from Monday 00:00 UTC, a month from the 1st), or {@code none} for a budget that never resets.
 */
public enum Period {
  MINUTE, HOUR, DAY, WEEK, MONTH, NONE;

  /** When the window holding {@code now} began (the epoch for {@code none}). */
  public Instant start(Instant now) {
    ZonedDateTime t = now.atZone(ZoneOffset.UTC);
    return switch (this) {
      case MINUTE -> now.truncatedTo(ChronoUnit.MINUTES);
      case HOUR -> now.truncatedTo(ChronoUnit.HOURS);
      case DAY -> now.truncatedTo(ChronoUnit.DAYS);
      case WEEK -> t.toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
          .atStartOfDay(ZoneOffset.UTC).toInstant();
      case MONTH -> LocalDate.of(t.getYear(), t.getMonth(), 1).atStartOfDay(ZoneOffset.UTC).toInstant();
      case NONE -> Instant.EPOCH;
    };
  }

  /** When the window holding {@code now} ends and the next begins ({@link Instant#MAX} for {@code none}). */
  public Instant end(Instant now) {
    Instant start = start(now);
    return switch (this) {
      case MINUTE -> start.plus(1, ChronoUnit.MINUTES);
      case HOUR -> start.plus(1, ChronoUnit.HOURS);
      case DAY -> start.plus(1, ChronoUnit.DAYS);
      case WEEK -> start.plus(7, ChronoUnit.DAYS);
      case MONTH -> start.atZone(ZoneOffset.UTC).plusMonths(1).toInstant();
      case NONE -> Instant.MAX;
    };
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
