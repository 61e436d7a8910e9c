package dev.portcullis.routing.config;

import dev.portcullis.error.GatewayException;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Runs a {@link RoutingPlan} for one request, asynchronously and without blocking.
 *
 * <ul>
 *   <li>{@code single}: the one child.</li>
 *   <li>{@code fallback}: children in order, skipping targets whose breaker is open, moving on while the child's
 *       final result is a failure the strategy falls back on ({@link Strategy.Fallback#fallsBackOn}). When every
 *       child is skipped they are all tried in order anyway: a breaker steers traffic to an alternative, it never
 *       turns a request away on its own.</li>
 *   <li>{@code loadbalance}: one child drawn in proportion to its weight among those with weight above 0 whose
 *       breaker is not open (among all of them when every breaker is open).</li>
 *   <li>{@code conditional}: the child named by the first matching condition, else the default; with neither, the
 *       execution fails with a 400.</li>
 *   <li>A target runs with its {@link RetryPolicy}, waiting through the {@link Delayer}. Its first attempt asks the
 *       target's breaker, which may take the half-open probe slot (so a breaker recovers whichever strategy reached
 *       the target); every attempt's outcome is recorded on it.</li>
 * </ul>
 *
 * <p>A {@link AttemptResult.Success} ends the execution. The caller reports success as soon as upstream response
 * headers arrive, before any byte reaches the client, so fallback and retry only happen while nothing has been sent.
 * The returned future completes with the final result (a failure too); it fails only when a conditional group routes
 * nowhere (a 400) or the {@link Delayer} fails. Callbacks run where the {@link TargetCall} and {@link Delayer}
 * futures complete, which is the caller's context; one execution is used from one thread at a time.
 */
public final class PlanExecutor {

  private final BreakerRegistry breakers;
  private final RandomGenerator random;
  private final Delayer delayer;
  private final Clock clock;
  private final Backoff backoff;

  public PlanExecutor(BreakerRegistry breakers, RandomGenerator random, Delayer delayer, Clock clock) {
    this.breakers = breakers;
    this.random = random;
    this.delayer = delayer;
    this.clock = clock;
    this.backoff = new Backoff(random);
  }

  public Future<Execution> execute(RoutingPlan plan, RoutingFacts facts, TargetCall call) {
    return run(plan.root(), facts, call);
  }

  private Future<Execution> run(PlanNode node, RoutingFacts facts, TargetCall call) {
    return switch (node) {
      case TargetNode target -> attempt(target, call, breakers.breakerFor(target), 0, Duration.ZERO);
      case GroupNode group -> switch (group.strategy()) {
        case Strategy.Single single -> run(group.children().get(0), facts, call);
        case Strategy.Fallback fallback -> fallback(group, fallback, 0, null, true, facts, call);
        case Strategy.LoadBalance loadBalance -> run(pick(group.children()), facts, call);
        case Strategy.Conditional conditional -> {
          int chosen = conditional.route(facts);
          yield chosen < 0 ? Future.failedFuture(noRoute(group)) : run(group.children().get(chosen), facts, call);
        }
      };
    };
  }

  /**
   * @param last the latest child's execution, or null when none ran yet
   * @param honourBreakers false on the second pass, after every child was skipped
   */
  private Future<Execution> fallback(GroupNode group, Strategy.Fallback strategy, int from, Execution last,
      boolean honourBreakers, RoutingFacts facts, TargetCall call) {
    List<PlanNode> children = group.children();
    for (int i = from; i < children.size(); i++) {
      if (honourBreakers && children.get(i) instanceof TargetNode target && !admits(target)) {
        continue;
      }
      int next = i + 1;
      return run(children.get(i), facts, call).compose(execution ->
          execution.result() instanceof AttemptResult.Failure failure && strategy.fallsBackOn(failure)
              ? fallback(group, strategy, next, execution, honourBreakers, facts, call)
              : Future.succeededFuture(execution));
    }
    if (last == null) {
      return fallback(group, strategy, 0, null, false, facts, call);
    }
    return Future.succeededFuture(last);
  }

  private boolean admits(TargetNode target) {
    Optional<CircuitBreaker> breaker = breakers.breakerFor(target);
    return breaker.isEmpty() || breaker.get().tryAcquire(clock.instant());
  }

  private PlanNode pick(List<PlanNode> children) {
    Instant now = clock.instant();
    boolean[] open = new boolean[children.size()];
    double total = 0;
    double openTotal = 0;
    for (int i = 0; i < children.size(); i++) {
      PlanNode child = children.get(i);
      open[i] = child instanceof TargetNode target
          && breakers.breakerFor(target).map(b -> !b.permits(now)).orElse(false);
      total += child.weight();
      openTotal += open[i] ? child.weight() : 0;
    }
    boolean skipOpen = openTotal < total;
    double point = random.nextDouble() * (skipOpen ? total - openTotal : total);
    int chosen = -1;
    for (int i = 0; i < children.size(); i++) {
      if (children.get(i).weight() > 0 && !(skipOpen && open[i])) {
        chosen = i;
        point -= children.get(i).weight();
        if (point < 0) {
          break;
        }
      }
    }
    return children.get(chosen);
  }

  private Future<Execution> attempt(
      TargetNode target, TargetCall call, Optional<CircuitBreaker> breaker, int attempt, Duration waited) {
    if (attempt == 0) {
      breaker.ifPresent(b -> b.tryAcquire(clock.instant()));
    }
    Future<AttemptResult> pending;
    try {
      pending = call.call(target, attempt);
    } catch (RuntimeException e) {
      pending = Future.failedFuture(e);
    }
    return pending.otherwise(AttemptResult::connectionError).compose(result -> {
      boolean healthy = !(result instanceof AttemptResult.Failure f && f.blamesTarget());
      breaker.ifPresent(b -> b.record(healthy, clock.instant()));
      if (!(result instanceof AttemptResult.Failure failure)) {
        return Future.succeededFuture(new Execution(result, target.path(), attempt));
      }
      return switch (target.retry().decide(attempt, failure, waited, backoff)) {
        case RetryDecision.Retry retry -> delayer.delay(retry.delay())
            .compose(done -> attempt(target, call, breaker, attempt + 1, waited.plus(retry.delay())));
        case RetryDecision.NoRetry none -> Future.succeededFuture(new Execution(failure, target.path(),
            attempt > 0 && attempt == target.retry().attempts() ? -1 : attempt));
      };
    });
  }

  private static GatewayException noRoute(GroupNode group) {
    return ConfigObject.invalid(ConfigObject.messagePath(group.path() + ".strategy"),
        "no condition matched the request and no default is set", "a condition that matches, or a default target");
  }

  @Override
  public String toString() {
    return "PlanExecutor[" + breakers + ", " + backoff + "]";
  }
}
