package dev.portcullis.mock;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import java.util.Random;

/**
 * What to do with one request: the options, overridden by its {@code x-mock-*} headers, with the random error and
 * reset rates already drawn.
 *
 * @param errorMessage text for the error body, or null for the status's usual message
 */
record MockDirectives(
    int status, long latencyMs, int chunks, long chunkIntervalMs, boolean reset, String errorMessage) {

  private static final CharSequence STATUS = HttpHeaders.createOptimized("x-mock-status");
  private static final CharSequence LATENCY_MS = HttpHeaders.createOptimized("x-mock-latency-ms");
  private static final CharSequence CHUNKS = HttpHeaders.createOptimized("x-mock-chunks");
  private static final CharSequence CHUNK_INTERVAL_MS = HttpHeaders.createOptimized("x-mock-chunk-interval-ms");
  private static final CharSequence RESET = HttpHeaders.createOptimized("x-mock-reset");
  private static final CharSequence ERROR_MESSAGE = HttpHeaders.createOptimized("x-mock-error-message");

  /**
   * Resolves the directives of one request.
   *
   * @throws InvalidRequestException naming the header when an override is not a number in range
   */
  static MockDirectives resolve(MultiMap headers, MockUpstreamOptions options, Random random) {
    int status = (int) number(headers, STATUS, options.status(), 100, 599);
    long latencyMs = number(headers, LATENCY_MS, options.latencyMs(), 0, 600_000);
    int chunks = (int) number(headers, CHUNKS, options.chunks(), 0, 100_000);
    long chunkIntervalMs = number(headers, CHUNK_INTERVAL_MS, options.chunkIntervalMs(), 0, 600_000);
    boolean reset = "true".equalsIgnoreCase(headers.get(RESET)) || draw(random, options.resetRate());
    if (!reset && draw(random, options.stallRate())) {
      latencyMs = Math.max(latencyMs, MockUpstreamOptions.STALL_MS);
    }
    if (status < 400 && draw(random, options.errorRate())) {
      status = 500;
    }
    return new MockDirectives(status, latencyMs, chunks, chunkIntervalMs, reset, headers.get(ERROR_MESSAGE));
  }

  private static long number(MultiMap headers, CharSequence name, long fallback, long min, long max) {
    String text = headers.get(name);
    if (text == null) {
      return fallback;
    }
    try {
      long value = Long.parseLong(text.trim());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below with the expected range
    }
    throw new InvalidRequestException(name.toString(), name + ": '" + text + "' (expected: an integer " + min + ".." + max + ")");
  }

  private static boolean draw(Random random, double rate) {
    if (rate <= 0.0) {
      return false;
    }
    return random.nextDouble() < rate;
  }
}
