package dev.portcullis.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.policy.Counters;
import dev.portcullis.policy.LocalCounters;
import dev.portcullis.policy.PolicyDecision;
import dev.portcullis.policy.PolicyFacts;
import dev.portcullis.policy.PolicyRule;
import dev.portcullis.policy.PolicyRuleParser;
import dev.portcullis.policy.PolicySnapshot;
import dev.portcullis.policy.RuleAction;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * What policy costs per request: 100 rules (targets and metadata conditions, none of which decides before the last)
 * evaluated for one request, and one admission by the in-process limiter. The acceptance bars are 5 us and 1 us at
 * p50.
 *
 * <p>Run: {@code ./mvnw -o -q test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt} then
 * {@code java -cp target/test-classes:target/classes:$(cat cp.txt) dev.portcullis.bench.PolicyBench}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PolicyBench {

  private PolicySnapshot snapshot;
  private PolicyFacts facts;
  private LocalCounters counters;
  private long expires;

  @Setup
  public void setUp() throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<PolicyRule> rules = new ArrayList<>();
    for (int i = 0; i < 99; i++) {
      String target = i % 3 == 0 ? "{\"kind\": \"llm_model\", \"model\": \"claude-" + i + "*\"}"
          : i % 3 == 1 ? "{\"kind\": \"provider\", \"provider\": \"provider-" + i + "\"}" : "{\"kind\": \"any\"}";
      rules.add(PolicyRuleParser.parse(json.readTree("{\"name\": \"rule " + i + "\", \"priority\": " + (200 - i)
          + ", \"target\": " + target + ", \"action\": \"" + (i % 2 == 0 ? "deny" : "allow") + "\", "
          + "\"conditions\": {\"metadata.team\": {\"$in\": [\"team-" + i + "\", \"other-" + i + "\"]}}}"),
          "pol-" + i, 1, "default", Instant.EPOCH));
    }
    rules.add(PolicyRuleParser.parse(json.readTree("""
        {"name": "research", "target": {"kind": "llm_model", "model": "gpt-4o*"}, "action": "allow",
         "conditions": {"metadata.team": "research"}}"""), "pol-last", 1, "default", Instant.EPOCH));
    snapshot = new PolicySnapshot(Map.of(), Map.of("default", rules), Map.of("default", RuleAction.DENY), Map.of());
    Instant now = Instant.parse("2026-12-09T14:30:20Z");
    facts = new PolicyFacts(Map.of("team", "research", "env", "prod"), "u-42", "key-1", "default", "gpt-4o-mini",
        "openai", null, "/v1/chat/completions", now, () -> null);
    if (!snapshot.evaluate(facts).allowed()) {
      throw new IllegalStateException("the benchmark's request should be allowed by its last rule");
    }
    counters = new LocalCounters(now::toEpochMilli);
    expires = now.plusSeconds(3600).toEpochMilli();
  }

  @Benchmark
  public PolicyDecision evaluateHundredRules() {
    return snapshot.evaluate(facts);
  }

  @Benchmark
  public Counters.Admission inProcessLimiterCheck() {
    return counters.admit("pcl:limit:pol-1:key-1:1765290600", 1, Long.MAX_VALUE, expires);
  }

  public static void main(String[] args) throws RunnerException {
    new Runner(new OptionsBuilder().include(PolicyBench.class.getName()).build()).run();
  }
}
