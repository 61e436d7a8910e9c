package dev.portcullis.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.routing.config.AttemptResult;
import dev.portcullis.routing.config.BreakerRegistry;
import dev.portcullis.time.GatewayClock;
import dev.portcullis.routing.config.BreakerSettings;
import dev.portcullis.routing.config.Execution;
import dev.portcullis.routing.config.PlanExecutor;
import dev.portcullis.routing.config.RoutingConfigParser;
import dev.portcullis.routing.config.RoutingFacts;
import dev.portcullis.routing.config.RoutingPlan;
import dev.portcullis.routing.config.TargetCall;
import io.vertx.core.Future;
import java.io.IOException;
import java.util.Map;
import java.util.SplittableRandom;
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
 * What routing costs per request: {@link PlanExecutor#execute} with an upstream that succeeds at once, for a
 * single-target config and for a three-level one (fallback, then load balancing, then conditions). The difference
 * is the routing overhead a nested config adds; the acceptance bar is 10 us at p50.
 *
 * <p>Run: {@code ./mvnw -o -q test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt} then
 * {@code java -cp target/test-classes:target/classes:$(cat cp.txt) dev.portcullis.bench.RoutingBench}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RoutingBench {

  private static final String SINGLE = """
      {"provider": "openai", "api_key": "sk-bench", "retry": {"attempts": 3}, "request_timeout": 30000}
      """;

  private static final String THREE_LEVELS = """
      {"retry": {"attempts": 3}, "request_timeout": 30000, "override_params": {"max_tokens": 512},
       "strategy": {"mode": "fallback", "on_status_codes": [429, 500, 503]},
       "targets": [
         {"strategy": {"mode": "loadbalance"},
          "targets": [
            {"weight": 3,
             "strategy": {"mode": "conditional",
                          "conditions": [
                            {"query": {"$and": [{"metadata.plan": {"$in": ["pro", "enterprise"]}},
                                                {"params.temperature": {"$lte": 0.5}}]},
                             "then": "smart"},
                            {"query": {"params.model": {"$regex": "^gpt-4o"}}, "then": "fast"}],
                          "default": "fast"},
             "targets": [{"name": "fast", "provider": "groq", "api_key": "gsk-bench"},
                         {"name": "smart", "provider": "openai", "api_key": "sk-bench"}]},
            {"weight": 1, "provider": "deepseek", "api_key": "ds-bench"}]},
         {"provider": "together-ai", "api_key": "tg-bench"}]}
      """;

  private PlanExecutor executor;
  private RoutingPlan single;
  private RoutingPlan threeLevels;
  private RoutingFacts facts;
  private TargetCall upstream;

  @Setup
  public void setUp() throws IOException {
    executor = new PlanExecutor(new BreakerRegistry(BreakerSettings.DEFAULTS, GatewayClock.system()),
        new SplittableRandom(7), duration -> Future.succeededFuture());
    single = RoutingConfigParser.parse(SINGLE);
    threeLevels = RoutingConfigParser.parse(THREE_LEVELS);
    JsonNode body = new ObjectMapper().readTree("""
        {"model": "gpt-4o-mini", "temperature": 0.3, "messages": [{"role": "user", "content": "Hello"}]}
        """);
    facts = new RoutingFacts(Map.of("plan", "pro", "_user", "u-42"), body, "/v1/chat/completions");
    Future<AttemptResult> ok = Future.succeededFuture(AttemptResult.success("ok"));
    upstream = (target, attempt) -> ok;
  }

  @Benchmark
  public Execution singleTarget() {
    return executor.execute(single, facts, "default", upstream).result();
  }

  @Benchmark
  public Execution threeLevelConfig() {
    return executor.execute(threeLevels, facts, "default", upstream).result();
  }

  public static void main(String[] args) throws RunnerException {
    new Runner(new OptionsBuilder().include(RoutingBench.class.getName()).build()).run();
  }
}
