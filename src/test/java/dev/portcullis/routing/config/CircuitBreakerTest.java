package dev.portcullis.routing.config;

import dev.portcullis.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

  private static final Instant START = Instant.parse("2025-03-01T12:00:00Z");

  private final MutableClock clock = new MutableClock(START);
  private final BreakerSettings settings = new BreakerSettings(10, 4, 0.5, Duration.ofSeconds(30));
  private final CircuitBreaker breaker = new CircuitBreaker("openai default", settings);

  @Test
  void staysClosedUntilTheWindowHoldsTheMinimumCalls() {
    record(false, false, false);
    assertThat(breaker.state().state()).isEqualTo(CircuitState.CLOSED);
    assertThat(breaker.permits(clock.instant())).isTrue();
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
    CircuitBreaker full = new CircuitBreaker("groq", new BreakerSettings(10, 10, 0.5, Duration.ofSeconds(30)));
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
    assertThat(breaker.permits(clock.instant())).isFalse();
    assertThat(breaker.tryAcquire(clock.instant())).isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(breaker.permits(clock.instant())).isTrue();
  }

  @Test
  void halfOpenLetsExactlyOneProbeThrough() {
    tripOpen();
    clock.advance(Duration.ofSeconds(30));
    assertThat(breaker.tryAcquire(clock.instant())).isTrue();
    assertThat(breaker.state().state()).isEqualTo(CircuitState.HALF_OPEN);
    assertThat(breaker.permits(clock.instant())).isFalse();
    assertThat(breaker.tryAcquire(clock.instant())).isFalse();
  }

  @Test
  void probeSuccessClosesWithAFreshWindow() {
    tripOpen();
    clock.advance(Duration.ofSeconds(30));
    breaker.tryAcquire(clock.instant());
    breaker.record(true, clock.instant());
    assertThat(breaker.state()).isEqualTo(new BreakerState("openai default", CircuitState.CLOSED, 0.0, 0, null));
    record(false, false, false);
    assertThat(breaker.state().state()).isEqualTo(CircuitState.CLOSED);
  }

  @Test
  void probeFailureOpensAgainForAnotherCooldown() {
    tripOpen();
    clock.advance(Duration.ofSeconds(30));
    breaker.tryAcquire(clock.instant());
    breaker.record(false, clock.instant());
    assertThat(breaker.state().state()).isEqualTo(CircuitState.OPEN);
    assertThat(breaker.state().openedAt()).isEqualTo(START.plusSeconds(30));
    clock.advance(Duration.ofSeconds(29));
    assertThat(breaker.permits(clock.instant())).isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(breaker.tryAcquire(clock.instant())).isTrue();
  }

  @Test
  void probeThatNeverReportsFreesItsSlotAfterACooldown() {
    tripOpen();
    clock.advance(Duration.ofSeconds(30));
    breaker.tryAcquire(clock.instant());
    clock.advance(Duration.ofSeconds(30));
    assertThat(breaker.tryAcquire(clock.instant())).isTrue();
  }

  @Test
  void outcomesOfCallsForcedThroughAnOpenBreakerDoNotCount() {
    tripOpen();
    breaker.record(true, clock.instant());
    assertThat(breaker.state().state()).isEqualTo(CircuitState.OPEN);
  }

  @Test
  void registrySharesOneBreakerPerKeyAndListsThemForHealth() {
    BreakerRegistry registry = new BreakerRegistry(settings);
    RoutingPlan plan = RoutingConfigParser.parse("""
        {"strategy": {"mode": "fallback"}, "targets": [
          {"provider": "openai", "virtual_key": "b-prod"}, {"virtual_key": "b-prod"}, {"provider": "groq"}, {}]}
        """);
    GroupNode root = (GroupNode) plan.root();
    CircuitBreaker first = registry.breakerFor((TargetNode) root.children().get(0)).orElseThrow();
    assertThat(registry.breakerFor((TargetNode) root.children().get(1))).containsSame(first);
    registry.breakerFor((TargetNode) root.children().get(2)).orElseThrow().record(false, clock.instant());
    assertThat(registry.breakerFor((TargetNode) root.children().get(3))).isEmpty();
    assertThat(registry.snapshot()).containsExactly(
        new BreakerState("@b-prod", CircuitState.CLOSED, 0.0, 0, null),
        new BreakerState("groq", CircuitState.CLOSED, 1.0, 1, null));
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
      target.record(success, clock.instant());
    }
  }
}
