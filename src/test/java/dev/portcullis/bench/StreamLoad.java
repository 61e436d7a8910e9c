package dev.portcullis.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The streaming load client of {@code bench/streams.sh}. Prints its results as {@code key=value} lines.
 *
 * <pre>
 * ttfb --direct URL --gateway URL [--requests 500] [--warmup 1000] [--key KEY]
 *     sequential streams, alternating direct and gateway: time to the first body byte, and what the gateway adds
 * slow --url URL [--streams 2000] [--ramp-ms 1000] [--timeout-s 120] [--key KEY]
 *     that many streams open at once: how many complete with [DONE], and how the others failed
 * </pre>
 */
public final class StreamLoad {

  private static final Buffer BODY = Buffer.buffer(
      "{\"model\":\"openai/mock\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":true}");

  /**
   * One stream, finished or failed.
   *
   * @param ttfbNanos from sending the request to the first body byte (0 when none arrived)
   * @param error why it failed, or null
   */
  private record Outcome(int status, long ttfbNanos, long totalNanos, boolean done, String error) {

    boolean ok() {
      return error == null && status == 200 && done;
    }

    String failure() {
      return error != null ? error : status != 200 ? "status " + status : "ended without [DONE]";
    }
  }

  private StreamLoad() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || !(args[0].equals("ttfb") || args[0].equals("slow"))) {
      System.err.println("usage: StreamLoad ttfb --direct URL --gateway URL [--requests N] [--warmup N] [--key K]");
      System.err.println("       StreamLoad slow --url URL [--streams N] [--ramp-ms MS] [--timeout-s S] [--key K]");
      System.exit(2);
    }
    Map<String, String> options = new HashMap<>();
    for (int i = 1; i + 1 < args.length; i += 2) {
      options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
    // Streams start on one event-loop context, so a response's handlers are set before its bytes are read.
    Context context = vertx.getOrCreateContext();
    try {
      if (args[0].equals("ttfb")) {
        timeToFirstByte(vertx, context, options);
      } else {
        slowStreams(vertx, context, options);
      }
    } finally {
      vertx.close().await();
    }
  }

  private static void timeToFirstByte(Vertx vertx, Context context, Map<String, String> options) {
    int requests = Integer.parseInt(options.getOrDefault("requests", "500"));
    HttpClient client = vertx.createHttpClient(
        new HttpClientOptions().setTcpNoDelay(true).setKeepAlive(true), new PoolOptions().setHttp1MaxSize(1));
    TtfbRun run = new TtfbRun(client, required(options, "direct"), required(options, "gateway"),
        options.getOrDefault("key", "none"), requests);
    int warmup = Integer.parseInt(options.getOrDefault("warmup", "1000"));
    context.runOnContext(v -> run.pair(-warmup));
    run.finished.future().await();
    print("requests", requests);
    print("errors", run.errors);
    print("direct_ttfb_p50_ms", millis(percentile(run.direct, 50)));
    print("direct_ttfb_p99_ms", millis(percentile(run.direct, 99)));
    print("gateway_ttfb_p50_ms", millis(percentile(run.gateway, 50)));
    print("gateway_ttfb_p99_ms", millis(percentile(run.gateway, 99)));
    print("added_ttfb_p50_ms", millis(percentile(run.added, 50)));
    print("added_ttfb_p99_ms", millis(percentile(run.added, 99)));
  }

  /**
   * Sequential pairs of streams, one direct and one through the gateway, alternating which goes first. Runs on one
   * event loop, each request started from the previous one's completion, so no thread hand-off lands in between.
   */
  private static final class TtfbRun {

    final Promise<Void> finished = Promise.promise();
    final long[] direct;
    final long[] gateway;
    final long[] added;
    int errors;
    private final HttpClient client;
    private final String directUrl;
    private final String gatewayUrl;
    private final String key;

    TtfbRun(HttpClient client, String directUrl, String gatewayUrl, String key, int requests) {
      this.client = client;
      this.directUrl = directUrl;
      this.gatewayUrl = gatewayUrl;
      this.key = key;
      this.direct = new long[requests];
      this.gateway = new long[requests];
      this.added = new long[requests];
    }

    /** Measures pair {@code i} (negative: warm-up, not recorded), then the next. */
    void pair(int i) {
      if (i == direct.length) {
        finished.complete();
        return;
      }
      boolean directFirst = (i & 1) == 0;
      stream(client, directFirst ? directUrl : gatewayUrl, key).onSuccess(first ->
          stream(client, directFirst ? gatewayUrl : directUrl, key).onSuccess(second -> {
            record(i, directFirst ? first : second, directFirst ? second : first);
            pair(i + 1);
          }));
    }

    private void record(int i, Outcome viaDirect, Outcome viaGateway) {
      if (!viaDirect.ok() || !viaGateway.ok()) {
        errors++;
        System.err.println("stream failed: direct " + (viaDirect.ok() ? "ok" : viaDirect.failure())
            + ", gateway " + (viaGateway.ok() ? "ok" : viaGateway.failure()));
      }
      if (i >= 0) {
        direct[i] = viaDirect.ttfbNanos();
        gateway[i] = viaGateway.ttfbNanos();
        added[i] = viaGateway.ttfbNanos() - viaDirect.ttfbNanos();
      }
    }
  }

  private static void slowStreams(Vertx vertx, Context context, Map<String, String> options) {
    String url = required(options, "url");
    String key = options.getOrDefault("key", "none");
    int streams = Integer.parseInt(options.getOrDefault("streams", "2000"));
    long rampMs = Long.parseLong(options.getOrDefault("ramp-ms", "1000"));
    long timeoutS = Long.parseLong(options.getOrDefault("timeout-s", "120"));
    HttpClient client = vertx.createHttpClient(
        new HttpClientOptions().setTcpNoDelay(true).setKeepAlive(true).setConnectTimeout(30_000),
        new PoolOptions().setHttp1MaxSize(streams + 16).setMaxWaitQueueSize(-1));
    AtomicInteger open = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    List<Future<Outcome>> outcomes = new ArrayList<>(streams);
    long started = System.nanoTime();
    for (int i = 0; i < streams; i++) {
      long delayMs = 1 + i * rampMs / streams;
      outcomes.add(onContext(context, () -> {
        Promise<Outcome> outcome = Promise.promise();
        vertx.setTimer(delayMs, id -> {
          peak.accumulateAndGet(open.incrementAndGet(), Math::max);
          stream(client, url, key).onComplete(result -> {
            open.decrementAndGet();
            outcome.complete(result.result());
          });
        });
        return outcome.future();
      }));
    }
    try {
      Future.join(outcomes).await(timeoutS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      System.err.println("slow streams: not all finished within " + timeoutS + " s");
    }
    long elapsed = System.nanoTime() - started;
    int completed = 0;
    Map<String, Integer> failures = new TreeMap<>();
    List<Long> durations = new ArrayList<>();
    for (Future<Outcome> future : outcomes) {
      Outcome outcome = future.isComplete() ? future.result() : null;
      if (outcome != null && outcome.ok()) {
        completed++;
        durations.add(outcome.totalNanos());
      } else {
        failures.merge(outcome == null ? "unfinished after " + timeoutS + " s" : outcome.failure(), 1, Integer::sum);
      }
    }
    long[] sorted = durations.stream().mapToLong(Long::longValue).toArray();
    print("streams", streams);
    print("completed", completed);
    print("errors", streams - completed);
    print("peak_open_streams", peak.get());
    print("elapsed_s", String.format("%.1f", elapsed / 1e9));
    print("stream_duration_p50_s", sorted.length == 0 ? "nan" : String.format("%.2f", percentile(sorted, 50) / 1e9));
    print("stream_duration_max_s", sorted.length == 0 ? "nan" : String.format("%.2f", percentile(sorted, 100) / 1e9));
    failures.forEach((reason, count) -> System.err.println("slow streams: " + count + " x " + reason));
  }

  private static Future<Outcome> onContext(Context context, Supplier<Future<Outcome>> work) {
    Promise<Outcome> outcome = Promise.promise();
    context.runOnContext(v -> work.get().onComplete(outcome));
    return outcome.future();
  }

  /** POSTs the streaming chat request and reads the whole stream; call it on the context. */
  private static Future<Outcome> stream(HttpClient client, String url, String key) {
    long started = System.nanoTime();
    return client.request(new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setAbsoluteURI(url)
            .putHeader("content-type", "application/json")
            .putHeader("authorization", "Bearer " + key))
        .compose(request -> request.send(BODY))
        .compose(response -> {
          Promise<Outcome> outcome = Promise.promise();
          Buffer body = Buffer.buffer();
          long[] firstByte = {0};
          response.handler(chunk -> {
            if (firstByte[0] == 0) {
              firstByte[0] = System.nanoTime();
            }
            body.appendBuffer(chunk);
          });
          response.exceptionHandler(e -> outcome.tryComplete(
              new Outcome(response.statusCode(), 0, System.nanoTime() - started, false, e.toString())));
          response.endHandler(v -> outcome.tryComplete(new Outcome(
              response.statusCode(),
              firstByte[0] == 0 ? 0 : firstByte[0] - started,
              System.nanoTime() - started,
              body.toString().contains("data: [DONE]"),
              null)));
          return outcome.future();
        })
        .recover(e -> Future.succeededFuture(
            new Outcome(0, 0, System.nanoTime() - started, false, e.getClass().getSimpleName() + ": " + e.getMessage())));
  }

  private static long percentile(long[] values, int percent) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
    return sorted[Math.clamp(index, 0, sorted.length - 1)];
  }

  private static String millis(long nanos) {
    return String.format("%.3f", nanos / 1e6);
  }

  private static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null) {
      throw new IllegalArgumentException("--" + name + ": missing");
    }
    return value;
  }

  private static void print(String key, Object value) {
    System.out.println(key + "=" + value);
  }
}
