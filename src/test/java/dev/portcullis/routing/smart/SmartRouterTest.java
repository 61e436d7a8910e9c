package dev.portcullis.routing.smart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.routing.config.GroupNode;
import dev.portcullis.routing.config.RoutingPlan;
import dev.portcullis.routing.config.TargetNode;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class SmartRouterTest {

  private static final ModelCatalog CATALOG = ModelCatalog.parse(readTree("""
      {"models": {"m": [
        {"provider": "groq", "model": "m-groq", "input": 1.0, "output": 1.0},
        {"provider": "deepinfra", "model": "m-deepinfra", "input": 0.5, "output": 0.5},
        {"provider": "together", "model": "m-together", "input": 2.0, "output": 2.0}]}}"""), "test");

  /** A random that never explores. */
  private static final RandomGenerator NO_EXPLORING = new RandomGenerator() {
    @Override
    public long nextLong() {
      return Long.MAX_VALUE;
    }

    @Override
    public double nextDouble() {
      return 0.99;
    }
  };

  private static com.fasterxml.jackson.databind.JsonNode readTree(String json) {
    try {
      return new ObjectMapper().readTree(json);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> order(SmartRouter router, RandomGenerator random) {
    RoutingPlan plan = router.plan("m", random).orElseThrow();
    return ((GroupNode) plan.root()).children().stream().map(n -> ((TargetNode) n).provider()).toList();
  }

  @Test
  void withoutLiveDataTheCheapestProviderGoesFirst() {
    SmartRouter router = new SmartRouter(CATALOG, new ProviderScores(), p -> true);
    assertThat(order(router, NO_EXPLORING)).containsExactly("deepinfra", "groq", "together-ai");
  }

  @Test
  void onlyProvidersWithCredentialsAreCandidates() {
    SmartRouter router = new SmartRouter(CATALOG, new ProviderScores(), Set.of("groq", "together-ai")::contains);
    assertThat(order(router, NO_EXPLORING)).containsExactly("groq", "together-ai");
  }

  @Test
  void modelServedByNoConfiguredProviderHasNoPlan() {
    SmartRouter router = new SmartRouter(CATALOG, new ProviderScores(), p -> false);
    assertThat(router.plan("m", NO_EXPLORING)).isEmpty();
    assertThat(new SmartRouter(CATALOG, new ProviderScores(), p -> true).plan("unknown", NO_EXPLORING))
        .isEmpty();
  }

  @Test
  void failingProviderDropsBelowPricierHealthyOnes() {
    ProviderScores scores = new ProviderScores();
    for (int i = 0; i < 5; i++) {
      scores.record("deepinfra", 100, true);
      scores.record("groq", 100, false);
      scores.record("together-ai", 100, false);
    }
    SmartRouter router = new SmartRouter(CATALOG, scores, p -> true);
    assertThat(order(router, NO_EXPLORING)).containsExactly("groq", "together-ai", "deepinfra");
  }

  @Test
  void slowProviderLosesToAFastOneAtSimilarPrice() {
    ProviderScores scores = new ProviderScores();
    scores.record("deepinfra", 2_000, false);
    scores.record("groq", 50, false);
    SmartRouter router = new SmartRouter(CATALOG, scores, Set.of("deepinfra", "groq")::contains);
    assertThat(order(router, NO_EXPLORING)).containsExactly("groq", "deepinfra");
  }

  @Test
  void aboutFivePercentOfPlansExploreAnotherProviderFirst() {
    SmartRouter router = new SmartRouter(CATALOG, new ProviderScores(), p -> true);
    SplittableRandom random = new SplittableRandom(7);
    int explored = 0;
    for (int i = 0; i < 10_000; i++) {
      if (!order(router, random).getFirst().equals("deepinfra")) {
        explored++;
      }
    }
    assertThat(explored).isBetween(400, 600);
  }

  @Test
  void targetsCarryTheProvidersOwnModelIdAndASmartPath() {
    SmartRouter router = new SmartRouter(CATALOG, new ProviderScores(), p -> true);
    GroupNode root = (GroupNode) router.plan("m", NO_EXPLORING).orElseThrow().root();
    TargetNode first = (TargetNode) root.children().getFirst();
    assertThat(first.path()).isEqualTo("smart.targets[0]");
    assertThat(first.overrideParams().path("model").asText()).isEqualTo("m-deepinfra");
    assertThat(first.apiKey()).isNull();
  }
}
