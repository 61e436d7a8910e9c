package dev.portcullis.routing.config;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** How a {@link GroupNode} chooses among its children ({@code strategy.mode}). */
public sealed interface Strategy
    permits Strategy.Single, Strategy.Fallback, Strategy.LoadBalance, Strategy.Conditional {

  /** The one child. */
  record Single() implements Strategy {
    @Override
    public String toString() {
      return "single";
    }
  }

  /**
   * Children in order, each skipped while its breaker is open, until one succeeds or a failure is not one to fall
   * back on. That failure, or the last child's, is the answer the client gets.
   *
   * @param onStatusCodes statuses that move on to the next child; empty means the target's own trouble does, as
   *     Portkey documents: 429, any 5xx, a timeout (408) or no answer at all. A request the target refused as wrong
   *     (400, 401, 404, 422...) would be refused everywhere, so it stops the fallback and reaches the client as it
   *     is. A connection error always moves on.
   */
  record Fallback(Set<Integer> onStatusCodes) implements Strategy {

    public Fallback {
      onStatusCodes = Set.copyOf(onStatusCodes);
    }

    public boolean fallsBackOn(AttemptResult.Failure failure) {
      int status = failure.status();
      if (status == AttemptResult.CONNECTION_ERROR) {
        return true;
      }
      return onStatusCodes.isEmpty()
          ? status == AttemptResult.TIMEOUT || status == 429 || status >= 500
          : onStatusCodes.contains(status);
    }

    @Override
    public String toString() {
      return "fallback" + (onStatusCodes.isEmpty() ? "" : " on " + new TreeSet<>(onStatusCodes));
    }
  }

  /** One child picked at random in proportion to the weights, among those whose breaker is not open. */
  record LoadBalance() implements Strategy {
    @Override
    public String toString() {
      return "loadbalance";
    }
  }

  /**
   * The child named by the first matching condition, else the default.
   *
   * @param defaultName the {@code default} target's name, or null when there is none
   * @param defaultIndex its position among the children, or -1
   */
  record Conditional(List<Condition> conditions, String defaultName, int defaultIndex) implements Strategy {

    public Conditional {
      conditions = List.copyOf(conditions);
    }

    /** The position of the child this request goes to, or -1 when nothing matches and there is no default. */
    public int route(RoutingFacts facts) {
      for (Condition c : conditions) {
        if (c.query().matches(facts)) {
          return c.thenIndex();
        }
      }
      return defaultIndex;
    }

    @Override
    public String toString() {
      return "conditional " + conditions + (defaultName == null ? "" : " default " + defaultName);
    }
  }
}
