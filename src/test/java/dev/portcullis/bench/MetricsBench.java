package dev.portcullis.bench;

import dev.portcullis.observe.GatewayMetrics;
import dev.portcullis.observe.RequestRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * What the metrics listener costs per finished request (tracing off, so it is the only observer besides the log
 * queue): a passthrough call's record, as the relay makes it, counted into every series it touches. The model name is
 * a fresh string each time, as it is when parsed from a request, so its hash is computed as in traffic. A guarded
 * call also counts each guardrail check from its hook results.
 *
 * <p>Run: {@code ./mvnw -o -q test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt} then
 * {@code java -cp target/test-classes:target/classes:$(cat cp.txt) dev.portcullis.bench.MetricsBench}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class MetricsBench {

  private static final String HOOK_RESULTS = "{\"before_request_hooks\":[{\"verdict\":true,\"id\":\"pii-guard\","
      + "\"transformed\":false,\"deny\":true,\"type\":\"guardrail\",\"async\":false,\"execution_time\":0.1,"
      + "\"checks\":[{\"id\":\"portcullis.pii\",\"verdict\":true,\"data\":{\"explanation\":\"no PII\"},"
      + "\"execution_time\":0.1}]}],\"after_request_hooks\":[]}";

  private final char[] model = "gpt-4o-mini".toCharArray();
  private GatewayMetrics metrics;
  private RequestRecord.Builder passthrough;
  private RequestRecord.Builder guarded;

  @Setup
  public void setUp() {
    metrics = new GatewayMetrics();
    passthrough = RequestRecord.builder("req-1", Instant.EPOCH).workspaceId("default").provider("openai")
        .method("POST").path("/v1/chat/completions").status(200).latencyMs(12)
        .tokens(8, 10, 18, null, null).cost(new BigDecimal("0.0000072"), "priced");
    guarded = RequestRecord.builder("req-2", Instant.EPOCH).workspaceId("default").provider("openai")
        .method("POST").path("/v1/chat/completions").status(200).latencyMs(12)
        .tokens(8, 10, 18, null, null).cost(new BigDecimal("0.0000072"), "priced")
        .guardrails("passed", HOOK_RESULTS);
  }

  @Benchmark
  public RequestRecord passthroughCall() {
    RequestRecord record = passthrough.model(new String(model)).build();
    metrics.record(record);
    return record;
  }

  @Benchmark
  public RequestRecord guardedCall() {
    RequestRecord record = guarded.model(new String(model)).build();
    metrics.record(record);
    return record;
  }

  @Benchmark
  public RequestRecord recordOnly() {
    return passthrough.model(new String(model)).build();
  }

  public static void main(String[] args) throws RunnerException {
    new Runner(new OptionsBuilder().include(MetricsBench.class.getSimpleName()).build()).run();
  }
}
