package dev.portcullis.routing.config;

import dev.portcullis.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.portcullis.error.GatewayException;
import io.vertx.core.Future;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanExecutorTest {

  private static final RoutingFacts FACTS = new RoutingFacts(Map.of("plan", "paid"), null, "/v1/chat/completions");

  private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T12:00:00Z"));
  private final RecordingDelayer delayer = new RecordingDelayer(clock);
  private final BreakerRegistry breakers =
      new BreakerRegistry(new BreakerSettings(4, 2, 0.5, Duration.ofSeconds(30)), clock);
  private final ScriptedCall upstream = new ScriptedCall();
  private final PlanExecutor executor = new PlanExecutor(breakers, EdgeRandom.top(), delayer);

  private static final String FALLBACK = """
      {"strategy": {"mode": "fallback"}, "targets": [
        {"provider": "openai", "api_key": "sk-a"}, {"provider": "groq", "api_key": "gsk-b"}]}
      """;

  @Test
  void singleTargetSucceedsAtConfigWithoutRetries() {
    assertThat(run("{\"provider\": \"openai\"}"))
        .isEqualTo(new Execution(AttemptResult.success("config"), "config", 0));
  }

  @Test
  void retryAttemptCountIsTheRetriesMadeBeforeSuccess() {
    upstream.answer("config", failure(503), failure(503), AttemptResult.success("ok"));
    Execution execution = run("{\"provider\": \"openai\", \"retry\": {\"attempts\": 3}}");
    assertThat(execution).isEqualTo(new Execution(AttemptResult.success("ok"), "config", 2));
    assertThat(upstream.calls()).containsExactly("config#0", "config#1", "config#2");
    assertThat(delayer.waits()).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
  }

  @Test
  void retryAttemptCountIsMinusOneWhenEveryRetryFailed() {
    upstream.fail("config", 503);
    Execution execution = run("{\"provider\": \"openai\", \"retry\": {\"attempts\": 2}}");
    assertThat(execution).isEqualTo(new Execution(failure(503), "config", -1));
    assertThat(upstream.calls()).containsExactly("config#0", "config#1", "config#2");
  }

  @Test
  void statusNotRetriedKeepsTheCountOfRetriesMade() {
    upstream.answer("config", failure(503), failure(400));
    Execution execution = run("{\"provider\": \"openai\", \"retry\": {\"attempts\": 3}}");
    assertThat(execution).isEqualTo(new Execution(failure(400), "config", 1));
  }

  @Test
  void failureWithoutRetryConfiguredCountsZero() {
    upstream.fail("config", 503);
    assertThat(run("{\"provider\": \"openai\"}")).isEqualTo(new Execution(failure(503), "config", 0));
  }

  @Test
  void retryAfterFromTheUpstreamSetsTheWaitWhenEnabled() {
    upstream.answer("config", AttemptResult.failure(429, Duration.ofSeconds(3)), AttemptResult.success("ok"));
    run("{\"provider\": \"openai\", \"retry\": {\"attempts\": 1, \"use_retry_after_headers\": true}}");
    assertThat(delayer.waits()).containsExactly(Duration.ofSeconds(3));
    assertThat(clock.instant()).isEqualTo(Instant.parse("2025-03-01T12:00:03Z"));
  }

  @Test
  void retryAfterBeyondTheMaxWaitEndsRetriesAtOnce() {
    upstream.answer("config", AttemptResult.failure(429, Duration.ofMinutes(2)), AttemptResult.success("ok"));
    Execution execution =
        run("{\"provider\": \"openai\", \"retry\": {\"attempts\": 3, \"use_retry_after_header\": true}}");
    assertThat(execution.retryAttemptCount()).isZero();
    assertThat(delayer.waits()).isEmpty();
  }

  @Test
  void fallbackMovesOnToTheNextTargetAndReportsItsPath() {
    upstream.fail("config.targets[0]", 503);
    assertThat(run(FALLBACK))
        .isEqualTo(new Execution(AttemptResult.success("config.targets[1]"), "config.targets[1]", 0));
    assertThat(upstream.calls()).containsExactly("config.targets[0]#0", "config.targets[1]#0");
  }

  @Test
  void fallbackStopsOnAStatusOutsideOnStatusCodes() {
    String config = FALLBACK.replace("\"fallback\"", "\"fallback\", \"on_status_codes\": [429]");
    upstream.fail("config.targets[0]", 400);
    assertThat(run(config)).isEqualTo(new Execution(failure(400), "config.targets[0]", 0));
    upstream.fail("config.targets[0]", 429);
    assertThat(run(config).lastUsedOptionIndex()).isEqualTo("config.targets[1]");
  }

  @Test
  void fallbackWithoutStatusCodesStopsOnABadRequestInsteadOfReplayingIt() {
    for (int status : new int[] {400, 401, 403, 404, 409, 413, 422}) {
      upstream.fail("config.targets[0]", status);
      assertThat(run(FALLBACK)).isEqualTo(new Execution(failure(status), "config.targets[0]", 0));
    }
    assertThat(upstream.calls()).doesNotContain("config.targets[1]#0");
  }

  @Test
  void fallbackWithoutStatusCodesMovesOnForRateLimitsServerErrorsAndTimeouts() {
    for (int status : new int[] {429, 500, 502, 503, 504, 529, 408}) {
      upstream.fail("config.targets[0]", status);
      assertThat(run(FALLBACK).lastUsedOptionIndex()).as("status " + status).isEqualTo("config.targets[1]");
    }
    upstream.answer("config.targets[0]", AttemptResult.connectionError(new ConnectException("refused")));
    assertThat(run(FALLBACK).lastUsedOptionIndex()).isEqualTo("config.targets[1]");
  }

  @Test
  void connectionErrorAlwaysFallsBack() {
    String config = FALLBACK.replace("\"fallback\"", "\"fallback\", \"on_status_codes\": [429]");
    upstream.answer("config.targets[0]", AttemptResult.connectionError(new ConnectException("refused")));
    assertThat(run(config).lastUsedOptionIndex()).isEqualTo("config.targets[1]");
  }

  @Test
  void failedFutureOrThrowingCallIsAConnectionError() {
    ConnectException refused = new ConnectException("refused");
    Execution failed = execute("{\"provider\": \"openai\"}", FACTS, (t, n) -> Future.failedFuture(refused));
    assertThat(failed.result()).isEqualTo(new AttemptResult.Failure(0, null, refused));
    IllegalStateException bug = new IllegalStateException("bug");
    Execution thrown = execute("{\"provider\": \"openai\"}", FACTS, (t, n) -> {
      throw bug;
    });
    assertThat(thrown.result()).isEqualTo(new AttemptResult.Failure(0, null, bug));
  }

  @Test
  void everyTargetFailingReportsTheLastOne() {
    upstream.fail("config.targets[0]", 503).fail("config.targets[1]", 502);
    assertThat(run(FALLBACK)).isEqualTo(new Execution(failure(502), "config.targets[1]", 0));
  }

  @Test
  void retryAttemptCountBelongsToTheTargetThatAnswered() {
    String config = """
        {"retry": {"attempts": 2}, "strategy": {"mode": "fallback"}, "targets": [
          {"provider": "openai"}, {"provider": "groq"}]}
        """;
    upstream.fail("config.targets[0]", 503);
    assertThat(run(config))
        .isEqualTo(new Execution(AttemptResult.success("config.targets[1]"), "config.targets[1]", 0));
    upstream.fail("config.targets[1]", 500);
    assertThat(run(config)).isEqualTo(new Execution(failure(500), "config.targets[1]", -1));
  }

  @Test
  void fallbackSkipsTargetWhoseBreakerIsOpen() {
    upstream.fail("config.targets[0]", 500);
    run(FALLBACK);
    run(FALLBACK);
    upstream.calls().clear();
    assertThat(run(FALLBACK).lastUsedOptionIndex()).isEqualTo("config.targets[1]");
    assertThat(upstream.calls()).containsExactly("config.targets[1]#0");
  }

  @Test
  void fallbackTriesEveryTargetWhenEveryBreakerIsOpen() {
    upstream.fail("config.targets[0]", 500).fail("config.targets[1]", 500);
    run(FALLBACK);
    run(FALLBACK);
    assertThat(breakers.snapshot()).extracting(BreakerState::state).containsOnly(CircuitState.OPEN);
    upstream.calls().clear();
    run(FALLBACK);
    assertThat(upstream.calls()).containsExactly("config.targets[0]#0", "config.targets[1]#0");
  }

  @Test
  void afterTheCooldownOneProbeClosesTheBreaker() {
    upstream.fail("config.targets[0]", 500);
    run(FALLBACK);
    run(FALLBACK);
    clock.advance(Duration.ofSeconds(30));
    upstream.answer("config.targets[0]", AttemptResult.success("back"));
    assertThat(run(FALLBACK).lastUsedOptionIndex()).isEqualTo("config.targets[0]");
    assertThat(breakers.snapshot()).extracting(BreakerState::state).containsOnly(CircuitState.CLOSED);
  }

  @Test
  void breakerOfATargetWithoutAlternativesRecoversAfterTheCooldown() {
    upstream.fail("config", 500);
    run("{\"provider\": \"openai\"}");
    run("{\"provider\": \"openai\"}");
    assertThat(breakers.snapshot()).extracting(BreakerState::state).containsExactly(CircuitState.OPEN);
    clock.advance(Duration.ofSeconds(30));
    upstream.answer("config", AttemptResult.success("back"));
    run("{\"provider\": \"openai\"}");
    assertThat(breakers.snapshot()).extracting(BreakerState::state).containsExactly(CircuitState.CLOSED);
  }

  @Test
  void clientErrorsDoNotOpenTheBreaker() {
    upstream.fail("config", 400);
    for (int i = 0; i < 5; i++) {
      run("{\"provider\": \"openai\"}");
    }
    assertThat(breakers.snapshot()).extracting(BreakerState::state, BreakerState::failureRate)
        .containsExactly(tuple(CircuitState.CLOSED, 0.0));
  }

  @Test
  void everyAttemptIsRecordedOnTheBreaker() {
    upstream.fail("config", 503);
    run("{\"provider\": \"openai\", \"retry\": {\"attempts\": 1}}");
    assertThat(breakers.snapshot()).extracting(BreakerState::state).containsExactly(CircuitState.OPEN);
  }

  @Test
  void loadBalanceSkipsTargetWhoseBreakerIsOpen() {
    String config = FALLBACK.replace("\"fallback\"", "\"loadbalance\"");
    assertThat(run(config).lastUsedOptionIndex()).isEqualTo("config.targets[1]");
    upstream.fail("config.targets[1]", 500);
    run(config);
    run(config);
    assertThat(run(config).lastUsedOptionIndex()).isEqualTo("config.targets[0]");
  }

  @Test
  void nestedFallbackInsideLoadBalanceReportsTheNestedPath() {
    String config = """
        {"strategy": {"mode": "loadbalance"}, "targets": [
          {"provider": "groq"},
          {"strategy": {"mode": "fallback"}, "targets": [{"provider": "openai"}, {"provider": "anthropic"}]}]}
        """;
    upstream.fail("config.targets[1].targets[0]", 503);
    assertThat(run(config).lastUsedOptionIndex()).isEqualTo("config.targets[1].targets[1]");
    assertThat(upstream.calls()).containsExactly("config.targets[1].targets[0]#0", "config.targets[1].targets[1]#0");
  }

  @Test
  void threeLevelPlanReportsTheExactPathOfTheAnsweringTarget() {
    String config = """
        {"strategy": {"mode": "fallback"}, "targets": [
          {"provider": "openai"},
          {"strategy": {"mode": "loadbalance"}, "targets": [
            {"strategy": {"mode": "conditional",
                          "conditions": [{"query": {"metadata.plan": "paid"}, "then": "smart"}],
                          "default": "fast"},
             "targets": [{"name": "fast", "provider": "groq"}, {"name": "smart", "provider": "anthropic"}]}]}]}
        """;
    upstream.fail("config.targets[0]", 500);
    assertThat(run(config).lastUsedOptionIndex()).isEqualTo("config.targets[1].targets[0].targets[1]");
    Execution free = execute(config, new RoutingFacts(Map.of("plan", "free"), null, "/v1/chat/completions"), upstream);
    assertThat(free.lastUsedOptionIndex()).isEqualTo("config.targets[1].targets[0].targets[0]");
  }

  @Test
  void conditionalWithoutMatchOrDefaultFailsWith400() {
    String config = """
        {"strategy": {"mode": "single"}, "targets": [
          {"strategy": {"mode": "conditional", "conditions": [{"query": {"metadata.plan": "free"}, "then": "a"}]},
           "targets": [{"name": "a", "provider": "groq"}]}]}
        """;
    Future<Execution> future = executor.execute(RoutingConfigParser.parse(config), FACTS,
        BreakerFeedback.WORKSPACE, upstream);
    assertThat(future.failed()).isTrue();
    assertThat(future.cause()).isInstanceOf(GatewayException.BadRequest.class).hasMessage("targets[0].strategy: "
        + "no condition matched the request and no default is set (expected: a condition that matches, or a default "
        + "target)");
    assertThat(upstream.calls()).isEmpty();
  }

  @Test
  void singleModeUsesItsOnlyTarget() {
    assertThat(run("{\"strategy\": {\"mode\": \"single\"}, \"targets\": [{\"provider\": \"openai\"}]}")
        .lastUsedOptionIndex()).isEqualTo("config.targets[0]");
  }

  private Execution run(String config) {
    return execute(config, FACTS, upstream);
  }

  private Execution execute(String config, RoutingFacts facts, TargetCall call) {
    Future<Execution> future = executor.execute(RoutingConfigParser.parse(config), facts,
        BreakerFeedback.WORKSPACE, new BreakerFeedback(call, breakers));
    assertThat(future.succeeded()).as("completed at once: %s", future).isTrue();
    return future.result();
  }

  private static AttemptResult.Failure failure(int status) {
    return AttemptResult.failure(status, null);
  }
}
