package dev.portcullis.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the limits of one request hold until it ends. */
public record Reservation(List<Hold> holds) {

  public static final Reservation NONE = new Reservation(List.of());

  public Reservation {
    holds = List.copyOf(holds);
  }

  /**
   * The OpenAI-style headers of an admitted request: for requests and tokens, the limit, what is left and when the
   * window resets (the tightest limit of each measure).
   */
  public Map<String, String> headers(Instant now) {
    Map<String, String> out = new LinkedHashMap<>();
    for (RuleLimit.Measure m : List.of(RuleLimit.Measure.REQUESTS, RuleLimit.Measure.TOKENS)) {
      Hold tightest = null;
      for (Hold h : holds) {
        if (h.rule().limit().measure() == m && (tightest == null || h.remaining() < tightest.remaining())) {
          tightest = h;
        }
      }
      if (tightest != null) {
        RateLimitHeaders.put(out, m, tightest.rule().limit().units(), tightest.remaining(), tightest.resetsAt(), now);
      }
    }
    return out;
  }

  /** Whole seconds from {@code now} to {@code at}, at least 1. */
  static long secondsUntil(Instant at, Instant now) {
    long ms = Duration.between(now, at).toMillis();
    return Math.max(1, (ms + 999) / 1000);
  }
}
