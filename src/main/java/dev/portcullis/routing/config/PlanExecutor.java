package dev.portcullis.routing.config;

import dev.portcullis.error.GatewayException;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
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
 *       target's breaker (of the caller's workspace), which may take the half-open probe slot, so a breaker recovers
 *       whichever strategy reached the target; the attempts' outcomes reach the breaker as request events
 *       ({@link BreakerRegistry} is a listener).</li>
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
  private final Backoff backoff;

  public PlanExecutor(BreakerRegistry breakers, RandomGenerator random, Delayer delayer) {
    this.breakers = breakers;
    this.random = random;
    this.delayer = delayer;
    this.backoff = new Backoff(random);
  }

  /**
   * @param workspaceId the caller's workspace, whose breakers steer the plan
   */
  public Future<Execution> execute(RoutingPlan plan, RoutingFacts facts, String workspaceId, TargetCall call) {
    return new Run(facts, workspaceId, call).run(plan.root(), false);
  }

  /** One execution of a plan: the request's facts, its workspace and how it calls a target. */
  private final class Run {
    private final RoutingFacts facts;
    private final String workspaceId;
    private final TargetCall call;

    Run(RoutingFacts facts, String workspaceId, TargetCall call) {
      this.facts = facts;
      this.workspaceId = workspaceId;
      this.call = call;
    }

    /**
     * @param admitted whether a fallback already took the target's breaker permission
     */
    Future<Execution> run(PlanNode node, boolean admitted) {
      return switch (node) {
        case TargetNode target -> {
          if (!admitted) {
            breakers.tryAcquire(workspaceId, target);
          }
          yield attempt(target, 0, Duration.ZERO);
        }
        case GroupNode group -> switch (group.strategy()) {
          case Strategy.Single single -> run(group.children().get(0), false);
          case Strategy.Fallback fallback -> fallback(group, fallback, 0, null, true);
          case Strategy.LoadBalance loadBalance -> run(pick(group.children()), false);
          case Strategy.Conditional conditional -> {
            int chosen = conditional.route(facts);
            yield chosen < 0 ? Future.failedFuture(noRoute(group)) : run(group.children().get(chosen), false);
          }
        };
      };
    }

    /**
     * @param last the latest child's execution, or null when none ran yet
     * @param honourBreakers false on the second pass, after every child was skipped
     */
    private Future<Execution> fallback(GroupNode group, Strategy.Fallback strategy, int from, Execution last,
        boolean honourBreakers) {
      List<PlanNode> children = group.children();
      for (int i = from; i < children.size(); i++) {
        PlanNode child = children.get(i);
        boolean admitted = honourBreakers && child instanceof TargetNode;
        if (admitted && !breakers.tryAcquire(workspaceId, (TargetNode) child)) {
          continue;
        }
        int next = i + 1;
        return run(child, admitted).compose(execution ->
            execution.result() instanceof AttemptResult.Failure failure && strategy.fallsBackOn(failure)
                ? fallback(group, strategy, next, execution, honourBreakers)
                : Future.succeededFuture(execution));
      }
      if (last == null) {
        return fallback(group, strategy, 0, null, false);
      }
      return Future.succeededFuture(last);
    }

    private PlanNode pick(List<PlanNode> children) {
      boolean[] open = new boolean[children.size()];
      double total = 0;
      double openTotal = 0;
      for (int i = 0; i < children.size(); i++) {
        PlanNode child = children.get(i);
        open[i] = child instanceof TargetNode target && !breakers.permits(workspaceId, target);
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

    private Future<Execution> attempt(TargetNode target, int attempt, Duration waited) {
      Future<AttemptResult> pending;
      try {
        pending = call.call(target, attempt);
      } catch (RuntimeException e) {
        pending = Future.failedFuture(e);
      }
      return pending.otherwise(AttemptResult::connectionError).compose(result -> {
        if (!(result instanceof AttemptResult.Failure failure)) {
          return Future.succeededFuture(new Execution(result, target.path(), attempt));
        }
        return switch (target.retry().decide(attempt, failure, waited, backoff)) {
          case RetryDecision.Retry retry -> delayer.delay(retry.delay())
              .compose(done -> attempt(target, attempt + 1, waited.plus(retry.delay())));
          case RetryDecision.NoRetry none -> Future.succeededFuture(new Execution(failure, target.path(),
              attempt > 0 && attempt == target.retry().attempts() ? -1 : attempt));
        };
      });
    }
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
