package dev.portcullis.mock;

/**
 * How a {@link MockUpstream} behaves when a request carries no {@code x-mock-*} header to say otherwise.
 *
 * @param host interface to bind
 * @param port port to bind; 0 picks a free one
 * @param latencyMs delay before the response headers
 * @param chunks content chunks in a streamed answer (and words in a JSON one)
 * @param chunkIntervalMs delay before each streamed content chunk
 * @param status HTTP status to answer; 400 and above answer an OpenAI-shaped error
 * @param errorRate share of requests answered with a 500 error, drawn from a seeded random
 * @param resetRate share of requests whose connection is closed without an answer
 * @param stallRate share of requests that get no answer for {@value #STALL_MS} ms (a provider timing out)
 * @param seed seed of that random, so a run's failures can be replayed
 * @param recordRequests whether to keep the last {@value RequestRecorder#CAPACITY} requests for inspection
 */
public record MockUpstreamOptions(
    String host,
    int port,
    long latencyMs,
    int chunks,
    long chunkIntervalMs,
    int status,
    double errorRate,
    double resetRate,
    double stallRate,
    long seed,
    boolean recordRequests) {

  public MockUpstreamOptions {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host: '" + host + "' (expected: an interface name or address)");
    }
    requireRange("port", port, 0, 65_535);
    requireRange("latencyMs", latencyMs, 0, Long.MAX_VALUE);
    requireRange("chunks", chunks, 0, Integer.MAX_VALUE);
    requireRange("chunkIntervalMs", chunkIntervalMs, 0, Long.MAX_VALUE);
    requireRange("status", status, 100, 599);
    requireShare("errorRate", errorRate);
    requireShare("resetRate", resetRate);
    requireShare("stallRate", stallRate);
  }

  /** Loopback, a free port, no delay, 5 chunks, every request answered 200 and recorded. */
  public static MockUpstreamOptions defaults() {
    return new MockUpstreamOptions("127.0.0.1", 0, 0, 5, 0, 200, 0.0, 0.0, 0.0, 42, true);
  }

  /** How long a stalled request waits before its answer. */
  public static final long STALL_MS = 60_000;

  public MockUpstreamOptions withFaults(double errorRate, double resetRate, double stallRate) {
    return new MockUpstreamOptions(
        host, port, latencyMs, chunks, chunkIntervalMs, status, errorRate, resetRate, stallRate, seed, recordRequests);
  }

  public MockUpstreamOptions withChunks(int chunks) {
    return new MockUpstreamOptions(
        host, port, latencyMs, chunks, chunkIntervalMs, status, errorRate, resetRate, stallRate, seed, recordRequests);
  }

  public MockUpstreamOptions withErrorRate(double errorRate) {
    return new MockUpstreamOptions(
        host, port, latencyMs, chunks, chunkIntervalMs, status, errorRate, resetRate, stallRate, seed, recordRequests);
  }

  public MockUpstreamOptions withRecordRequests(boolean recordRequests) {
    return new MockUpstreamOptions(
        host, port, latencyMs, chunks, chunkIntervalMs, status, errorRate, resetRate, stallRate, seed, recordRequests);
  }

  private static void requireRange(String name, long value, long min, long max) {
    if (value < min || value > max) {
      String expected = max == Long.MAX_VALUE || max == Integer.MAX_VALUE ? ">= " + min : min + ".." + max;
      throw new IllegalArgumentException(name + ": " + value + " (expected: " + expected + ")");
    }
  }

  private static void requireShare(String name, double value) {
    if (!(value >= 0.0 && value <= 1.0)) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: 0.0..1.0)");
    }
  }
}
