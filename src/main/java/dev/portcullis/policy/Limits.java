package dev.portcullis.policy;

import dev.portcullis.error.GatewayException;
import io.vertx.core.Future;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reserves room in every limit a request meets before the call, and settles after it. Requests count 1 each when
 * admitted; tokens are counted after the call (a token limit admits while it is not spent); dollars reserve the
 * request's worst-case cost and settle to its real cost, so concurrent requests can never spend more than the budget
 * when each has a price and a maximum. A refused limit gives back what the request's other limits reserved.
 */
public final class Limits {

  private static final Logger LOG = LoggerFactory.getLogger(Limits.class);
  /** The expiry of counters that never reset: 9999-12-31. */
  private static final long FAR_FUTURE_MS = 253_402_300_799_000L;

  private final Counters counters;
  private final RedisFailureMode onFailure;
  private final AtomicLong storeFailures = new AtomicLong();

  private final BudgetAlerts budgetAlerts;

  public Limits(Counters counters, RedisFailureMode onFailure) {
    this(counters, onFailure, BudgetAlerts.NONE);
  }

  /** Limits whose budgets alert past their soft limit through {@code budgetAlerts}. */
  public Limits(Counters counters, RedisFailureMode onFailure, BudgetAlerts budgetAlerts) {
    this.counters = counters;
    this.onFailure = onFailure;
    this.budgetAlerts = budgetAlerts;
  }

  /**
   * Reserves what the request needs in each of {@code rules}' limits, in order.
   *
   * @param worstCaseMicros the request's worst-case cost in millionths of a dollar (0 when unpriced)
   * @return the reservation, or a failed future with the 429 (or the 503 of an unreachable store, when closed)
   */
  public Future<Reservation> reserve(List<PolicyRule> rules, PolicyFacts facts, long worstCaseMicros) {
    if (rules.isEmpty()) {
      return Future.succeededFuture(Reservation.NONE);
    }
    return next(rules, 0, facts, worstCaseMicros, new ArrayList<>(rules.size()));
  }

  private Future<Reservation> next(List<PolicyRule> rules, int i, PolicyFacts facts, long worstCase, List<Hold> held) {
    if (i == rules.size()) {
      return Future.succeededFuture(new Reservation(held));
    }
    PolicyRule rule = rules.get(i);
    RuleLimit limit = rule.limit();
    Instant now = facts.now();
    Instant resetsAt = limit.per().end(now);
    long expires = limit.per() == Period.NONE ? FAR_FUTURE_MS : resetsAt.toEpochMilli();
    String key = key(rule, facts, now);
    long amount = switch (limit.measure()) {
      case REQUESTS -> 1;
      case TOKENS -> 0;
      case DOLLARS -> worstCase;
    };
    return counters.tryAdd(key, amount, limit.units(), expires).transform(ar -> {
      if (ar.failed()) {
        storeFailures.incrementAndGet();
        if (onFailure.opens(limit.measure())) {
          LOG.warn("limit of rule '{}' not counted: the counters cannot be reached ({}); letting the request "
              + "through (fail open)", rule.name(), ar.cause().getMessage());
          return next(rules, i + 1, facts, worstCase, held);
        }
        LOG.warn("limit of rule '{}' cannot be checked: the counters cannot be reached ({}); refusing the request "
            + "(fail closed)", rule.name(), ar.cause().getMessage());
        release(held);
        return Future.failedFuture(GatewayException.overloaded("the limit of policy '" + rule.name()
            + "' cannot be checked: its counter store (Redis) does not answer, and limits fail closed "
            + "(PORTCULLIS_LIMITS_ON_REDIS_FAILURE); retry shortly"));
      }
      Counters.Admission admission = ar.result();
      if (!admission.admitted()) {
        release(held);
        return Future.failedFuture(refusal(rule, admission.used(), resetsAt, now));
      }
      held.add(new Hold(rule, key, amount, admission.used(), resetsAt, expires));
      if (limit.measure() == RuleLimit.Measure.DOLLARS) {
        budgetAlerts.check(rule, facts, key, admission.used(), now);
      }
      return next(rules, i + 1, facts, worstCase, held);
    });
  }

  /**
   * Settles a reservation once the call ended: token limits count the call's tokens, budgets replace the
   * worst case with the real cost (a failed or cancelled call, which cost nothing known, gives it all back).
   *
   * @param tokens the call's total tokens, 0 when unknown
   * @param costMicros the call's cost in millionths of a dollar, 0 when it failed or is unpriced
   */
  public void settle(Reservation reservation, long tokens, long costMicros) {
    for (Hold h : reservation.holds()) {
      long delta = switch (h.rule().limit().measure()) {
        case REQUESTS -> 0;
        case TOKENS -> tokens;
        case DOLLARS -> costMicros - h.reserved();
      };
      if (delta != 0) {
        counters.add(h.key(), delta, h.expiresAtMs()).onFailure(e -> {
          storeFailures.incrementAndGet();
          LOG.warn("could not settle the limit of rule '{}' ({} {}): {}", h.rule().name(), delta,
              h.rule().limit().measure().wireName(), e.getMessage());
        });
      }
    }
  }

  /** What is used now of {@code rule}'s limit for this request's scope (for explain). */
  public Future<Long> used(PolicyRule rule, PolicyFacts facts) {
    return counters.read(key(rule, facts, facts.now()));
  }

  /** How often the counter store could not be reached. */
  public long storeFailures() {
    return storeFailures.get();
  }

  private void release(List<Hold> held) {
    for (Hold h : held) {
      if (h.reserved() != 0) {
        counters.add(h.key(), -h.reserved(), h.expiresAtMs());
      }
    }
  }

  /** The counter of {@code rule} for this request's scope in the window holding {@code now}. */
  static String key(PolicyRule rule, PolicyFacts facts, Instant now) {
    RuleLimit limit = rule.limit();
    return "pcl:limit:" + rule.id() + ":" + limit.scope().of(facts) + ":" + limit.per().start(now).getEpochSecond();
  }

  private static GatewayException refusal(PolicyRule rule, long used, Instant resetsAt, Instant now) {
    RuleLimit limit = rule.limit();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("retry-after", limit.per() == Period.NONE ? "86400"
        : Long.toString(Reservation.secondsUntil(resetsAt, now)));
    String resets = limit.per() == Period.NONE ? "it does not reset" : "it resets " + resetsAt;
    if (limit.measure() == RuleLimit.Measure.DOLLARS) {
      return GatewayException.budgetExceeded("budget of $" + dollars(limit.amount())
          + (limit.per() == Period.NONE ? "" : " per " + limit.per().wireName()) + " for " + subject(rule)
          + " is spent; " + resets, headers);
    }
    RateLimitHeaders.put(headers, limit.measure(), limit.units(), 0, resetsAt, now);
    return GatewayException.rateLimited("rate limit of " + limit.units() + " " + limit.measure().wireName()
        + " per " + limit.per().wireName() + " for " + subject(rule) + " is spent (" + used + " used); " + resets,
        headers);
  }

  /** How a message names the rule: a key's own limit by the key, any other rule by its name. */
  static String subject(PolicyRule rule) {
    return rule.name().startsWith("key '") || rule.name().startsWith("virtual key '") ? rule.name()
        : "policy '" + rule.name() + "'";
  }

  private static String dollars(BigDecimal amount) {
    return amount.scale() <= 2 ? amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString()
        : amount.stripTrailingZeros().toPlainString();
  }
}
