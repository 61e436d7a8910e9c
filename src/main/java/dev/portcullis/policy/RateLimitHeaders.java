package dev.portcullis.policy;

import java.time.Instant;
import java.util.Map;

/** The {@code x-ratelimit-*} headers OpenAI's clients read: limit, remaining and reset, per requests and tokens. */
final class RateLimitHeaders {

  private RateLimitHeaders() {}

  static void put(Map<String, String> out, RuleLimit.Measure measure, long limit, long remaining, Instant resetsAt,
      Instant now) {
    String m = measure.wireName();
    out.put("x-ratelimit-limit-" + m, Long.toString(limit));
    out.put("x-ratelimit-remaining-" + m, Long.toString(remaining));
    out.put("x-ratelimit-reset-" + m, Reservation.secondsUntil(resetsAt, now) + "s");
  }
}
