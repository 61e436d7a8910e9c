package dev.portcullis.routing.config;

import dev.portcullis.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class LoadBalanceDistributionTest {

  private static final int PICKS = 10_000;
  private static final double TOLERANCE = 0.03;

  private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T12:00:00Z"));
  private final BreakerRegistry breakers = new BreakerRegistry(BreakerSettings.DEFAULTS, clock);

  @Test
  void eachTargetGetsItsWeightShare() {
    Map<String, Double> shares = shares("""
        {"strategy": {"mode": "loadbalance"}, "targets": [
          {"provider": "openai", "weight": 5}, {"provider": "groq", "weight": 3},
          {"provider": "anthropic", "weight": 2}]}
        """);
    assertThat(shares.get("config.targets[0]")).isCloseTo(0.5, within(TOLERANCE));
    assertThat(shares.get("config.targets[1]")).isCloseTo(0.3, within(TOLERANCE));
    assertThat(shares.get("config.targets[2]")).isCloseTo(0.2, within(TOLERANCE));
  }

  @Test
  void fractionalWeightsWork() {
    Map<String, Double> shares = shares("""
        {"strategy": {"mode": "loadbalance"}, "targets": [
          {"provider": "openai", "weight": 0.7}, {"provider": "groq", "weight": 0.3}]}
        """);
    assertThat(shares.get("config.targets[0]")).isCloseTo(0.7, within(TOLERANCE));
    assertThat(shares.get("config.targets[1]")).isCloseTo(0.3, within(TOLERANCE));
  }

  @Test
  void missingWeightCountsAsOne() {
    Map<String, Double> shares = shares("""
        {"strategy": {"mode": "loadbalance"}, "targets": [
          {"provider": "openai"}, {"provider": "groq"}, {"provider": "anthropic", "weight": 2}]}
        """);
    assertThat(shares.get("config.targets[0]")).isCloseTo(0.25, within(TOLERANCE));
    assertThat(shares.get("config.targets[1]")).isCloseTo(0.25, within(TOLERANCE));
    assertThat(shares.get("config.targets[2]")).isCloseTo(0.5, within(TOLERANCE));
  }

  @Test
  void zeroWeightTargetIsNeverPicked() {
    Map<String, Double> shares = shares("""
        {"strategy": {"mode": "loadbalance"}, "targets": [
          {"provider": "openai", "weight": 0}, {"provider": "groq"}, {"provider": "anthropic"}]}
        """);
    assertThat(shares).doesNotContainKey("config.targets[0]");
    assertThat(shares.get("config.targets[1]")).isCloseTo(0.5, within(TOLERANCE));
  }

  @Test
  void targetWithOpenBreakerLeavesItsShareToTheOthers() {
    String config = """
        {"strategy": {"mode": "loadbalance"}, "targets": [
          {"provider": "openai", "weight": 5}, {"provider": "groq", "weight": 3},
          {"provider": "anthropic", "weight": 2}]}
        """;
    TargetNode openai = (TargetNode) ((GroupNode) RoutingConfigParser.parse(config).root()).children().get(0);
    ScriptedCall failing = new ScriptedCall().fail("config.targets[0]", 503);
    for (int i = 0; i < BreakerSettings.DEFAULTS.minimumCalls(); i++) {
      new BreakerFeedback(failing, breakers).call(openai, 0);
    }
    Map<String, Double> shares = shares(config);
    assertThat(shares).doesNotContainKey("config.targets[0]");
    assertThat(shares.get("config.targets[1]")).isCloseTo(0.6, within(TOLERANCE));
    assertThat(shares.get("config.targets[2]")).isCloseTo(0.4, within(TOLERANCE));
  }

  private Map<String, Double> shares(String config) {
    RoutingPlan plan = RoutingConfigParser.parse(config);
    PlanExecutor executor = new PlanExecutor(breakers, new SplittableRandom(20250301), d -> {
      throw new AssertionError("no waits expected, asked for " + d);
    });
    ScriptedCall upstream = new ScriptedCall();
    RoutingFacts facts = new RoutingFacts(Map.of(), null, "/v1/chat/completions");
    Map<String, Integer> counts = new TreeMap<>();
    for (int i = 0; i < PICKS; i++) {
      counts.merge(executor.execute(plan, facts, BreakerFeedback.WORKSPACE, upstream).result().lastUsedOptionIndex(), 1, Integer::sum);
    }
    Map<String, Double> shares = new TreeMap<>();
    counts.forEach((path, n) -> shares.put(path, n / (double) PICKS));
    return shares;
  }
}
