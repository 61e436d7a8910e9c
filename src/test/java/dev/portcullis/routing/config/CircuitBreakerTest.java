package dev.portcullis.routing.config;

import dev.portcullis.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.observe.AttemptOutcome;
import dev.portcullis.observe.AttemptView;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

  private static final Instant START = Instant.parse("2025-03-01T12:00:00Z");

  private final MutableClock clock = new MutableClock(START);
  private final BreakerSettings settings = new BreakerSettings(10, 4, 0.5, Duration.ofSeconds(30));
  private final CircuitBreaker breaker = new CircuitBreaker("openai default", settings, clock);

  @Test
  void staysClosedUntilTheWindowHoldsTheMinimumCalls() {
    record(false, false, false);
    assertThat(breaker.state().state()).isEqualTo(CircuitState.CLOSED);
    assertThat(breaker.permits()).isTrue();
    record(false);
    assertThat(breaker.state()).isEqualTo(new BreakerState("openai default", CircuitState.OPEN, 1.0, 4, START));
  }

  @Test
  void opensWhenTheFailureRateReachesTheThreshold() {
    record(true, true, true, false, false);
    assertThat(breaker.state().state()).isEqualTo(CircuitState.CLOSED);
    record(false);
    assertThat(breaker.state().state()).isEqualTo(CircuitState.OPEN);
    assertThat(breaker.state().failureRate()).isEqualTo(0.5);
  }

  @Test
  void onlyTheLastWindowOfCallsCounts() {
    CircuitBreaker full = new CircuitBreaker("groq", new BreakerSettings(10, 10, 0.5, Duration.ofSeconds(30)), clock);
    record(full, false, false, true, true, true, true, true, true, true, true);
    assertThat(full.state()).isEqualTo(new BreakerState("groq", CircuitState.CLOSED, 0.2, 10, null));
    record(full, true, true);
    assertThat(full.state()).isEqualTo(new BreakerState("groq", CircuitState.CLOSED, 0.0, 10, null));
    record(full, false, false, false, false);
    assertThat(full.state()).isEqualTo(new BreakerState("groq", CircuitState.CLOSED, 0.4, 10, null));
    record(full, false);
    assertThat(full.state().state()).isEqualTo(CircuitState.OPEN);
  }

  @Test
  void openBreakerRefusesCallsUntilTheCooldownHasPassed() {
    tripOpen();
    clock.advance(Duration.ofSeconds(29));
    assertThat(breaker.permits()).isFalse();
    assertThat(breaker.tryAcquire()).isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(breaker.permits()).isTrue();
  }

  @Test
  void halfOpenLetsExactlyOneProbeThrough() {
    tripOpen();
    clock.advance(Duration.ofSeconds(30));
    assertThat(breaker.tryAcquire()).isTrue();
    assertThat(breaker.state().state()).isEqualTo(CircuitState.HALF_OPEN);
    assertThat(breaker.permits()).isFalse();
    assertThat(breaker.tryAcquire()).isFalse();
  }

  @Test
  void probeSuccessClosesWithAFreshWindow() {
    tripOpen();
    clock.advance(Duration.ofSeconds(30));
    breaker.tryAcquire();
    breaker.record(true);
    assertThat(breaker.state()).isEqualTo(new BreakerState("openai default", CircuitState.CLOSED, 0.0, 0, null));
    record(false, false, false);
    assertThat(breaker.state().state()).isEqualTo(CircuitState.CLOSED);
  }

  @Test
  void probeFailureOpensAgainForAnotherCooldown() {
    tripOpen();
    clock.advance(Duration.ofSeconds(30));
    breaker.tryAcquire();
    breaker.record(false);
    assertThat(breaker.state().state()).isEqualTo(CircuitState.OPEN);
    assertThat(breaker.state().openedAt()).isEqualTo(START.plusSeconds(30));
    clock.advance(Duration.ofSeconds(29));
    assertThat(breaker.permits()).isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(breaker.tryAcquire()).isTrue();
  }

  @Test
  void probeThatNeverReportsFreesItsSlotAfterACooldown() {
    tripOpen();
    clock.advance(Duration.ofSeconds(30));
    breaker.tryAcquire();
    clock.advance(Duration.ofSeconds(30));
    assertThat(breaker.tryAcquire()).isTrue();
  }

  @Test
  void outcomesOfCallsForcedThroughAnOpenBreakerDoNotCount() {
    tripOpen();
    breaker.record(true);
    assertThat(breaker.state().state()).isEqualTo(CircuitState.OPEN);
  }

  @Test
  void registryKeepsOneBreakerPerWorkspaceAndTargetMadeByTheFirstOutcome() {
    BreakerRegistry registry = new BreakerRegistry(settings, clock);
    RoutingPlan plan = RoutingConfigParser.parse("""
        {"strategy": {"mode": "fallback"}, "targets": [
          {"provider": "openai", "virtual_key": "b-prod"}, {"virtual_key": "b-prod"}, {"provider": "groq"}, {}]}
        """);
    GroupNode root = (GroupNode) plan.root();
    TargetNode sharedFirst = (TargetNode) root.children().get(0);
    TargetNode sharedSecond = (TargetNode) root.children().get(1);
    TargetNode groq = (TargetNode) root.children().get(2);
    assertThat(registry.snapshot()).isEmpty();

    fail(registry, "team-a", groq, "groq", null, 4);
    fail(registry, "team-a", sharedFirst, "openai", "b-prod", 1);
    fail(registry, "team-a", sharedSecond, "openai", "b-prod", 1);

    assertThat(BreakerRegistry.key("team-a", sharedFirst)).isEqualTo(BreakerRegistry.key("team-a", sharedSecond));
    assertThat(BreakerRegistry.key("team-a", (TargetNode) root.children().get(3))).isNull();
    assertThat(registry.snapshot()).containsExactly(
        new BreakerState("team-a @b-prod", CircuitState.CLOSED, 1.0, 2, null),
        new BreakerState("team-a groq", CircuitState.OPEN, 1.0, 4, START));
    assertThat(registry.states()).containsOnly(Map.entry("openai", 0.0), Map.entry("groq", 2.0));
  }

  @Test
  void oneTenantsFailuresNeverOpenAnotherTenantsBreaker() {
    BreakerRegistry registry = new BreakerRegistry(settings, clock);
    TargetNode groq = (TargetNode) RoutingConfigParser.parse("""
        {"provider": "groq", "api_key": "sk-shared"}
        """).root();
    fail(registry, "tenant-a", groq, "groq", null, 4);

    assertThat(registry.permits("tenant-a", groq)).isFalse();
    assertThat(registry.permits("tenant-b", groq)).isTrue();
    assertThat(registry.tryAcquire("tenant-b", groq)).isTrue();
  }

  @Test
  void attemptsThatSayNothingOfTheTargetNeitherOpenNorCloseItsBreaker() {
    BreakerRegistry registry = new BreakerRegistry(settings, clock);
    TargetNode groq = (TargetNode) RoutingConfigParser.parse("{\"provider\": \"groq\"}").root();
    for (int i = 0; i < 6; i++) {
      registry.attemptEnded(null, attempt("ws", groq, "groq", null), new AttemptOutcome(0, "timeout_error", 0, false));
    }
    registry.attemptEnded(null, attempt("ws", groq, "groq", null), new AttemptOutcome(400, "invalid_request_error", 0,
        false));

    assertThat(registry.snapshot()).containsExactly(new BreakerState("ws groq", CircuitState.CLOSED, 0.0, 1, null));
  }

  private static void fail(BreakerRegistry registry, String workspace, TargetNode target, String provider,
      String virtualKey, int times) {
    for (int i = 0; i < times; i++) {
      registry.attemptEnded(null, attempt(workspace, target, provider, virtualKey),
          new AttemptOutcome(503, "api_error", 0, true));
    }
  }

  private static AttemptView attempt(String workspace, TargetNode target, String provider, String virtualKey) {
    return new AttemptView() {
      @Override
      public int index() {
        return 0;
      }

      @Override
      public String option() {
        return target.path();
      }

      @Override
      public String provider() {
        return provider;
      }

      @Override
      public String model() {
        return null;
      }

      @Override
      public String virtualKey() {
        return virtualKey;
      }

      @Override
      public String targetKey() {
        return BreakerRegistry.key(workspace, target);
      }

      @Override
      public void putHeader(String name, String value) {}
    };
  }

  @Test
  void settingsAreChecked() {
    assertThatThrownBy(() -> new BreakerSettings(10, 11, 0.5, Duration.ofSeconds(1)))
        .hasMessage("minimumCalls: 11 (expected: 1..10)");
    assertThatThrownBy(() -> new BreakerSettings(10, 5, 1.5, Duration.ofSeconds(1)))
        .hasMessage("failureRateThreshold: 1.5 (expected: > 0 and <= 1)");
    assertThatThrownBy(() -> new BreakerSettings(10, 5, 0.5, Duration.ZERO))
        .hasMessage("cooldown: PT0S (expected: > 0)");
  }

  private void tripOpen() {
    record(false, false, false, false);
    assertThat(breaker.state().state()).isEqualTo(CircuitState.OPEN);
  }

  private void record(boolean... outcomes) {
    record(breaker, outcomes);
  }

  private void record(CircuitBreaker target, boolean... outcomes) {
    for (boolean success : outcomes) {
      target.record(success);
    }
  }
}
