package dev.portcullis.report;

import dev.portcullis.error.GatewayException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** The span a report covers, [from, to). */
public record ReportPeriod(Instant from, Instant to) {

  /** How far back a report looks when {@code from} is not given: 30 days before {@code to}. */
  public static final Duration DEFAULT_SPAN = Duration.ofDays(30);

  public ReportPeriod {
    if (!from.isBefore(to)) {
      throw GatewayException.badRequest("from: '" + from + "' is not before to: '" + to
          + "' (expected: from earlier than to)", "from");
    }
  }

  /**
   * The period the parameters name: {@code to} defaults to now, {@code from} to {@link #DEFAULT_SPAN} before it.
   *
   * @throws GatewayException.BadRequest naming a value that is not an ISO-8601 instant, or a from not before to
   */
  public static ReportPeriod parse(String from, String to, Instant now) {
    Instant end = blank(to) ? now : instant("to", to);
    return new ReportPeriod(blank(from) ? end.minus(DEFAULT_SPAN) : instant("from", from), end);
  }

  /** The period of equal length that ends where this one starts. */
  public ReportPeriod previous() {
    return new ReportPeriod(from.minus(Duration.between(from, to)), from);
  }

  @Override
  public String toString() {
    return from + " to " + to;
  }

  private static Instant instant(String name, String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw GatewayException.badRequest(name + ": '" + text + "' (expected: an ISO-8601 instant such as "
          + "2027-01-31T00:00:00Z)", name);
    }
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }
}
