package dev.portcullis.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.error.GatewayException;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Limits in one process: exact under concurrency, budgets held by reservation, windows fixed to UTC. */
class LimitsTest {

  private static final Instant NOW = Instant.parse("2026-12-09T14:30:20Z");

  private final LocalCounters counters = new LocalCounters(NOW::toEpochMilli);
  private final Limits limits = new Limits(counters, RedisFailureMode.DEFAULT);

  private static PolicyRule rule(String name, String limit) throws Exception {
    return PolicyRuleParser.parse(new ObjectMapper().readTree("{\"name\": \"" + name + "\", \"target\": {\"kind\": "
        + "\"any\"}, \"action\": \"allow\", \"limit\": " + limit + "}"), "pol-" + name, 1, "default", Instant.EPOCH);
  }

  private static PolicyFacts facts(String keyId, Instant now) {
    return new PolicyFacts(Map.of(), null, keyId, "default", "gpt-4o", "openai", null, "/v1/chat/completions", now,
        () -> null);
  }

  @Test
  void sixtyFourThreadsGetExactlyTheHundredRequestsOfTheLimit() throws Exception {
    PolicyRule rule = rule("rate", "{\"requests\": 100, \"per\": \"minute\"}");
    AtomicInteger admitted = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(64);
    CountDownLatch start = new CountDownLatch(1);
    for (int i = 0; i < 64; i++) {
      pool.execute(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          return;
        }
        for (int n = 0; n < 4; n++) {
          Future<Reservation> r = limits.reserve(List.of(rule), facts("key-1", NOW), 0);
          (r.succeeded() ? admitted : refused).incrementAndGet();
        }
      });
    }
    start.countDown();
    pool.shutdown();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    assertThat(admitted).hasValue(100);
    assertThat(refused).hasValue(156);
  }

  @Test
  void refusalSaysWhenTheWindowResetsAndCarriesRateLimitHeaders() throws Exception {
    PolicyRule rule = rule("rate", "{\"requests\": 1, \"per\": \"minute\"}");
    assertThat(limits.reserve(List.of(rule), facts("key-1", NOW), 0).result().headers(NOW))
        .containsEntry("x-ratelimit-limit-requests", "1").containsEntry("x-ratelimit-remaining-requests", "0")
        .containsEntry("x-ratelimit-reset-requests", "40s");
    Throwable refused = limits.reserve(List.of(rule), facts("key-1", NOW), 0).cause();
    assertThat(refused).isInstanceOf(GatewayException.RateLimited.class)
        .hasMessage("rate limit of 1 requests per minute for policy 'rate' is spent (1 used); it resets "
            + "2026-12-09T14:31:00Z");
    assertThat(((GatewayException) refused).headers()).containsEntry("retry-after", "40")
        .containsEntry("x-ratelimit-remaining-requests", "0");
    assertThat(limits.reserve(List.of(rule), facts("key-2", NOW), 0).succeeded()).as("another key's count")
        .isTrue();
    assertThat(limits.reserve(List.of(rule), facts("key-1", Instant.parse("2026-12-09T14:31:00Z")), 0).succeeded())
        .as("the next minute").isTrue();
  }

  @Test
  void concurrentRequestsCannotSpendMoreThanTheBudget() throws Exception {
    PolicyRule budget = rule("budget", "{\"dollars\": 1, \"per\": \"month\", \"scope\": \"workspace\"}");
    long worstCase = 60_000;
    List<Reservation> admitted = new ArrayList<>();
    int refused = 0;
    for (int i = 0; i < 50; i++) {
      Future<Reservation> r = limits.reserve(List.of(budget), facts("key-1", NOW), worstCase);
      if (r.succeeded()) {
        admitted.add(r.result());
      } else {
        refused++;
        assertThat(r.cause()).isInstanceOf(GatewayException.BudgetExceeded.class)
            .hasMessage("budget of $1.00 per month for policy 'budget' is spent; it resets 2027-01-01T00:00:00Z");
      }
    }
    assertThat(admitted).hasSize(16);
    assertThat(refused).isEqualTo(34);
    for (Reservation r : admitted) {
      limits.settle(r, 100, worstCase);
    }
    assertThat(spent(budget)).isEqualTo(960_000).isLessThanOrEqualTo(1_000_000);
  }

  @Test
  void settlementReplacesTheWorstCaseWithTheRealCostAndAFailedCallGivesItAllBack() throws Exception {
    PolicyRule budget = rule("budget", "{\"dollars\": 1, \"per\": \"day\", \"scope\": \"workspace\"}");
    Reservation done = limits.reserve(List.of(budget), facts("k", NOW), 400_000).result();
    Reservation failed = limits.reserve(List.of(budget), facts("k", NOW), 400_000).result();
    assertThat(spent(budget)).isEqualTo(800_000);
    limits.settle(done, 1_000, 123_000);
    limits.settle(failed, 0, 0);
    assertThat(spent(budget)).isEqualTo(123_000);
  }

  @Test
  void tokenLimitAdmitsUntilSpentThenCountsWhatCallsUsed() throws Exception {
    PolicyRule tokens = rule("tokens", "{\"tokens\": 1000, \"per\": \"hour\"}");
    Reservation first = limits.reserve(List.of(tokens), facts("k", NOW), 0).result();
    limits.settle(first, 1_200, 0);
    assertThat(limits.reserve(List.of(tokens), facts("k", NOW), 0).cause())
        .isInstanceOf(GatewayException.RateLimited.class).hasMessageContaining("1000 tokens per hour");
  }

  @Test
  void aRefusedLimitGivesBackWhatTheOtherLimitsReserved() throws Exception {
    PolicyRule budget = rule("budget", "{\"dollars\": 1, \"per\": \"day\", \"scope\": \"workspace\"}");
    PolicyRule rate = rule("rate", "{\"requests\": 1, \"per\": \"minute\"}");
    limits.reserve(List.of(rate), facts("k", NOW), 0);
    assertThat(limits.reserve(List.of(budget, rate), facts("k", NOW), 500_000).failed()).isTrue();
    assertThat(spent(budget)).isZero();
  }

  @Test
  void storeThatDoesNotAnswerFailsBudgetsClosedAndRateLimitsOpenByDefault() throws Exception {
    Counters down = new Counters() {
      @Override
      public Future<Admission> tryAdd(String key, long amount, long limit, long expiresAtMs) {
        return Future.failedFuture("connection refused");
      }

      @Override
      public Future<Long> add(String key, long delta, long expiresAtMs) {
        return Future.failedFuture("connection refused");
      }

      @Override
      public Future<Long> read(String key) {
        return Future.failedFuture("connection refused");
      }
    };
    PolicyRule budget = rule("budget", "{\"dollars\": 1, \"per\": \"day\"}");
    PolicyRule rate = rule("rate", "{\"requests\": 1, \"per\": \"minute\"}");
    Limits byDefault = new Limits(down, RedisFailureMode.DEFAULT);
    assertThat(byDefault.reserve(List.of(rate), facts("k", NOW), 0).succeeded()).isTrue();
    assertThat(byDefault.reserve(List.of(budget), facts("k", NOW), 1).cause())
        .isInstanceOf(GatewayException.Overloaded.class);
    assertThat(new Limits(down, RedisFailureMode.OPEN).reserve(List.of(budget), facts("k", NOW), 1).succeeded())
        .isTrue();
    assertThat(new Limits(down, RedisFailureMode.CLOSED).reserve(List.of(rate), facts("k", NOW), 0).failed())
        .isTrue();
    assertThat(byDefault.storeFailures()).isEqualTo(2);
  }

  @Test
  void windowsAreFixedToUtc() {
    Instant t = Instant.parse("2026-12-09T14:30:20Z");
    assertThat(Period.MINUTE.end(t)).isEqualTo("2026-12-09T14:31:00Z");
    assertThat(Period.HOUR.end(t)).isEqualTo("2026-12-09T15:00:00Z");
    assertThat(Period.DAY.end(t)).isEqualTo("2026-12-10T00:00:00Z");
    assertThat(Period.WEEK.start(t)).isEqualTo("2026-12-07T00:00:00Z");
    assertThat(Period.WEEK.end(t)).isEqualTo("2026-12-14T00:00:00Z");
    assertThat(Period.MONTH.end(t)).isEqualTo("2027-01-01T00:00:00Z");
  }

  private long spent(PolicyRule rule) {
    return counters.read(Limits.key(rule, facts("k", NOW), NOW)).result();
  }

  @Test
  void aBudgetPassingItsSoftLimitAlertsOncePerPeriod() throws Exception {
    List<dev.portcullis.alert.Alert> raised = new ArrayList<>();
    Limits alerting = new Limits(counters, RedisFailureMode.DEFAULT, new BudgetAlerts(raised::add));
    PolicyRule budget = rule("team", "{\"dollars\": 1, \"per\": \"day\", \"scope\": \"workspace\", "
        + "\"soft_limit\": 0.5}");
    Instant tomorrow = NOW.plus(java.time.Duration.ofDays(1));

    alerting.reserve(List.of(budget), facts("k", NOW), 400_000);
    alerting.reserve(List.of(budget), facts("k", NOW), 200_000);
    alerting.reserve(List.of(budget), facts("k", NOW), 200_000);
    alerting.reserve(List.of(budget), facts("k", tomorrow), 600_000);

    assertThat(raised).hasSize(2).allSatisfy(a -> {
      assertThat(a.kind()).isEqualTo(dev.portcullis.alert.AlertKind.BUDGET);
      assertThat(a.ruleName()).isEqualTo("team");
    });
    assertThat(raised.getFirst().summary()).isEqualTo("budget of $1 per day for policy 'team' passed its soft limit "
        + "of $0.5: $0.6000 spent or reserved (workspace)");
    assertThat(raised.get(1).createdAt()).isEqualTo(tomorrow);
  }

  @Test
  void aSoftLimitAtOrAboveTheBudgetIsRefusedNamingIt() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> rule("x", "{\"dollars\": 1, \"per\": \"day\", "
        + "\"soft_limit\": 1}")).hasMessage("limit.soft_limit: 1 (expected: an amount in USD above 0 and below the "
        + "budget's 1)");
  }
}
