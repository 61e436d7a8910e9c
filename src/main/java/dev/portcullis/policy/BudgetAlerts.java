package dev.portcullis.policy;

import dev.portcullis.alert.Alert;
import dev.portcullis.alert.AlertKind;
import dev.portcullis.alert.AlertSeverity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Raises a {@code budget} alert when a budget's count (spent plus reserved) passes its soft limit: once per budget
 * window and scope. This node remembers which windows it alerted on, so later requests cost one set lookup; the
 * alert's dedup key (the budget's counter key) keeps other nodes from storing a second one.
 */
public final class BudgetAlerts {

  /** Raises nothing: for tools that check limits without a gateway (policy explain on the command line). */
  public static final BudgetAlerts NONE = new BudgetAlerts(alert -> {});

  private final Consumer<Alert> sink;
  private final Set<String> raised = ConcurrentHashMap.newKeySet();

  /** @param sink stores an alert; called on the event loop, so it must hand the write to a worker */
  public BudgetAlerts(Consumer<Alert> sink) {
    this.sink = sink;
  }

  void check(PolicyRule rule, PolicyFacts facts, String counterKey, long usedMicros, Instant now) {
    long soft = rule.limit().softUnits();
    if (soft == 0 || usedMicros < soft || !raised.add(counterKey)) {
      return;
    }
    RuleLimit limit = rule.limit();
    sink.accept(Alert.raise(AlertKind.BUDGET, rule.id(), rule.name(), AlertSeverity.WARNING, "budget of $"
        + limit.amount().toPlainString() + (limit.per() == Period.NONE ? "" : " per " + limit.per().wireName())
        + " for " + Limits.subject(rule) + " passed its soft limit of $" + limit.softAmount().toPlainString()
        + ": $" + BigDecimal.valueOf(usedMicros, 6).setScale(4, RoundingMode.HALF_UP).toPlainString()
        + " spent or reserved (" + limit.scope() + ")", facts.workspaceId(), facts.apiKeyId(), null, "budget:"
        + counterKey, now));
  }
}
