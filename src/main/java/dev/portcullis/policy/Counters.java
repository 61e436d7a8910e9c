package dev.portcullis.policy;

import io.vertx.core.Future;

/**
 * Where limits count: in this process, or in Redis so that every node shares one count. Each counter lives until its
 * window ends. Amounts are requests, tokens or millionths of a dollar.
 */
public interface Counters {

  /**
   * Adds {@code amount} to the counter unless that would take it over {@code limit}; an amount of 0 is admitted
   * while the counter is below the limit (a token limit, counted after the call, admits until it is spent).
   *
   * @param expiresAtMs when the window ends (epoch milliseconds)
   */
  Future<Admission> tryAdd(String key, long amount, long limit, long expiresAtMs);

  /** Adds {@code delta} (negative to give back), whatever the limit; completes with the new count. */
  Future<Long> add(String key, long delta, long expiresAtMs);

  /** The counter now (0 when absent). */
  Future<Long> read(String key);

  /**
   * Whether a request was admitted.
   *
   * @param used the count after this request when admitted, else the count that refused it
   */
  record Admission(boolean admitted, long used) {}
}
