package dev.portcullis.cli;

import dev.portcullis.mock.MockUpstream;
import dev.portcullis.mock.MockUpstreamOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code portcullis mock-upstream}: runs the OpenAI mock until the process is stopped. */
@Command(
    name = "mock-upstream",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a fast mock of the OpenAI API, for trying the gateway without a provider key and for benchmarks.",
      "Requests may override the options with headers: x-mock-status, x-mock-error-message, x-mock-latency-ms,",
      "x-mock-chunks, x-mock-chunk-interval-ms, x-mock-reset: true."
    })
public final class MockUpstreamCommand implements Callable<Integer> {

  @Option(names = "--port", defaultValue = "9000", description = "Port to listen on (0: any free port). Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Interface to bind. Default: ${DEFAULT-VALUE}.")
  String host;

  @Option(names = "--latency-ms", defaultValue = "0", description = "Delay before the response headers. Default: ${DEFAULT-VALUE}.")
  long latencyMs;

  @Option(names = "--chunks", defaultValue = "5", description = "Content chunks per streamed answer. Default: ${DEFAULT-VALUE}.")
  int chunks;

  @Option(names = "--chunk-interval-ms", defaultValue = "0", description = "Delay before each streamed chunk. Default: ${DEFAULT-VALUE}.")
  long chunkIntervalMs;

  @Option(names = "--status", defaultValue = "200", description = "Status of every answer; 400+ answers an OpenAI error. Default: ${DEFAULT-VALUE}.")
  int status;

  @Option(names = "--error-rate", defaultValue = "0", description = "Share of requests answered 500, 0.0..1.0. Default: ${DEFAULT-VALUE}.")
  double errorRate;

  @Option(names = "--reset-rate", defaultValue = "0", description = "Share of connections closed without an answer, 0.0..1.0. Default: ${DEFAULT-VALUE}.")
  double resetRate;

  @Option(names = "--stall-rate", defaultValue = "0",
      description = "Share of requests left unanswered for a minute (a provider timing out), 0.0..1.0. Default: ${DEFAULT-VALUE}.")
  double stallRate;

  @Option(names = "--seed", defaultValue = "42", description = "Seed for the error and reset draws. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--no-record", description = "Do not keep recent requests in memory.")
  boolean noRecord;

  MockUpstreamOptions options() {
    return new MockUpstreamOptions(
        host, port, latencyMs, chunks, chunkIntervalMs, status, errorRate, resetRate, stallRate, seed, !noRecord);
  }

  @Override
  public Integer call() throws InterruptedException {
    MockUpstreamOptions options = options();
    Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
    MockUpstream upstream = MockUpstream.start(vertx, options).await();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        upstream.close().await(5, TimeUnit.SECONDS);
        vertx.close().await(5, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        System.err.println("mock upstream: did not close within 5 s, exiting anyway");
      }
      stopped.countDown();
    }, "mock-upstream-shutdown"));
    System.out.println("mock upstream listening on " + upstream.baseUrl());
    System.out.flush();
    stopped.await();
    return 0;
  }
}
