package dev.portcullis.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.alert.Alert;
import dev.portcullis.alert.AlertKind;
import dev.portcullis.alert.AlertService;
import dev.portcullis.alert.AlertSeverity;
import dev.portcullis.alert.PolicyAlertCooldown;
import dev.portcullis.error.GatewayException;
import dev.portcullis.policy.Governance;
import dev.portcullis.policy.LimitSettlement;
import dev.portcullis.policy.PolicyDecision;
import dev.portcullis.policy.PolicyFacts;
import dev.portcullis.policy.PolicyRule;
import dev.portcullis.policy.PolicySnapshot;
import dev.portcullis.policy.RuleLimit;
import dev.portcullis.routing.ModelAddress;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Policy: the rules of the caller's workspace and its ancestors decide whether the call may go on (403
 * {@code policy_denied} when not), alert rules raise their alerts (one per rule a minute, {@link PolicyAlertCooldown}), and the limits of the matching allow rules are
 * reserved (429 when one is spent); the reservation is settled when the call ends ({@link LimitSettlement}). A
 * workspace with no rule in its chain and no deny-by-default passes straight through.
 */
final class PolicyStage implements Stage {

  private static final Logger LOG = LoggerFactory.getLogger(PolicyStage.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Governance governance;
  private final AlertService alerts;
  private final PolicyAlertCooldown cooldown;
  private final Vertx vertx;

  PolicyStage(Governance governance, AlertService alerts, PolicyAlertCooldown cooldown, Vertx vertx) {
    this.governance = governance;
    this.alerts = alerts;
    this.cooldown = cooldown;
    this.vertx = vertx;
  }

  @Override
  public Future<Void> serve(Exchange call, Chain next) {
    call.governance = governance;
    PolicySnapshot snapshot = governance.snapshot();
    if (snapshot.quiet(call.principal.workspaceId())) {
      return next.proceed(call);
    }
    Instant now = call.clock.instant();
    PolicyFacts facts = facts(call, now);
    PolicyDecision decision = snapshot.evaluate(facts);
    call.policy = decision;
    alerts(call, decision, now);
    if (!decision.allowed()) {
      call.policyVerdict = "deny";
      return Future.failedFuture(GatewayException.policyDenied(decision.message()));
    }
    call.policyVerdict = decision.matched().isEmpty() ? null : "allow";
    if (decision.limits().isEmpty()) {
      return next.proceed(call);
    }
    long worstCase = hasBudget(decision) ? worstCase(call, facts) : 0;
    return governance.limits().reserve(decision.limits(), facts, worstCase).transform(ar -> {
      if (ar.failed()) {
        call.policyVerdict = ar.cause() instanceof GatewayException.BudgetExceeded ? "budget_exceeded"
            : ar.cause() instanceof GatewayException.RateLimited ? "rate_limited" : call.policyVerdict;
        return Future.failedFuture(ar.cause());
      }
      call.attach(LimitSettlement.RESERVATION, ar.result());
      ar.result().headers(now).forEach(call.response::putHeader);
      return next.proceed(call);
    });
  }

  private static PolicyFacts facts(Exchange call, Instant now) {
    String provider = call.address instanceof ModelAddress.ViaProvider p ? p.provider().id() : call.headers.provider();
    String slug = call.address instanceof ModelAddress.ViaVirtualKey v ? v.slug() : call.headers.virtualKey();
    return new PolicyFacts(call.metadata, call.metadata.get("_user"), call.principal.keyId(),
        call.principal.workspaceId(), call.address.model(), provider, slug, call.request.path(), now, body(call));
  }

  /** The body as conditions and budgets read it, parsed at most once and only when asked for. */
  private static Supplier<JsonNode> body(Exchange call) {
    JsonNode[] parsed = new JsonNode[1];
    return () -> {
      if (parsed[0] == null && call.body != null && call.body.json()) {
        try {
          parsed[0] = JSON.readTree(call.body.bytes().getBytes());
        } catch (IOException e) {
          parsed[0] = JSON.missingNode();
        }
      }
      return parsed[0];
    };
  }

  private static boolean hasBudget(PolicyDecision decision) {
    for (PolicyRule r : decision.limits()) {
      if (r.limit().measure() == RuleLimit.Measure.DOLLARS) {
        return true;
      }
    }
    return false;
  }

  /**
   * The most the call may cost: every byte of the body an input token (no tokenizer yields more), and the output
   * its {@code max_tokens} (or {@code max_completion_tokens}, {@code max_output_tokens}) allows, else the model's
   * own output limit ({@link Governance#worstCaseMicros}).
   */
  private long worstCase(Exchange call, PolicyFacts facts) {
    long input = call.body == null ? 0 : call.body.bytes().length();
    JsonNode body = facts.params();
    long output = 0;
    for (String field : new String[] {"max_completion_tokens", "max_tokens", "max_output_tokens"}) {
      JsonNode v = body.path(field);
      if (v.canConvertToLong() && v.asLong() > 0) {
        output = v.asLong();
        break;
      }
    }
    return governance.worstCaseMicros(facts.workspaceId(), facts.provider(), facts.model(), input, output);
  }

  private void alerts(Exchange call, PolicyDecision decision, Instant now) {
    for (PolicyRule rule : decision.alerts()) {
      if (!cooldown.admit(rule.id(), now)) {
        continue;
      }
      Alert alert = Alert.raise(AlertKind.POLICY, rule.id(), rule.name(), AlertSeverity.WARNING, "request " + call.id
          + " to " + call.request.path() + " for model '" + call.address.model() + "' matched alert rule '"
          + rule.name() + "' (" + rule.target() + ")", call.principal.workspaceId(), call.principal.keyId(), call.id,
          null, now);
      vertx.executeBlocking(() -> alerts.raise(alert), false)
          .onFailure(e -> LOG.warn("could not record the alert of rule '{}': {}", rule.name(), e.getMessage()));
    }
  }

  @Override
  public String toString() {
    return "Policy";
  }
}
