package dev.portcullis.policy;

import java.time.Instant;

/**
 * What one limit holds for a request in flight, until the call ends and it is settled.
 *
 * @param key the counter
 * @param reserved what was added before the call: 1 request, 0 tokens, or the worst-case cost in millionths of a
 *     dollar
 * @param used the counter after the reservation
 * @param resetsAt when the window ends
 * @param expiresAtMs when the counter expires (epoch milliseconds)
 */
public record Hold(PolicyRule rule, String key, long reserved, long used, Instant resetsAt, long expiresAtMs) {

  /** What is left of the limit after this request's reservation, never below 0. */
  public long remaining() {
    return Math.max(0, rule.limit().units() - used);
  }
}
