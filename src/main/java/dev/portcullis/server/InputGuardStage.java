package dev.portcullis.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.api.JsonBodyInspector;
import dev.portcullis.error.GatewayException;
import dev.portcullis.guard.GuardPlan;
import dev.portcullis.guard.GuardRunner;
import dev.portcullis.guard.GuardState;
import dev.portcullis.guard.GuardrailSource;
import dev.portcullis.guard.Hooks;
import dev.portcullis.guard.RequestTexts;
import dev.portcullis.routing.config.GroupNode;
import dev.portcullis.routing.config.PlanNode;
import dev.portcullis.routing.config.TargetNode;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;

/**
 * Input guards: the guardrails of the call's config run on the request before any provider is called. A deny
 * refuses the call with 446 and {@code hook_results}; a redaction rewrites the body the provider receives; a flag
 * lets the call go on and makes its answer a 246. When the config has answer guardrails, their transform goes into
 * the relay's slot. A call whose config has no guardrail passes through untouched: nothing is parsed or allocated.
 */
final class InputGuardStage implements Stage {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final GuardRunner runner;
  private final GuardrailSource saved;

  InputGuardStage(GuardRunner runner, GuardrailSource saved) {
    this.runner = runner;
    this.saved = saved;
  }

  @Override
  public Future<Void> serve(Exchange call, Chain next) {
    Hooks hooks = hooks(call.plan.root());
    if (hooks.isEmpty()) {
      return next.proceed(call);
    }
    return GuardPlan.resolve(hooks, call.principal.workspaceId(), saved)
        .map(GuardPlan::requireLocalAfter)
        .compose(plan -> guard(call, plan))
        .compose(v -> next.proceed(call));
  }

  private Future<Void> guard(Exchange call, GuardPlan plan) {
    GuardState state = new GuardState();
    call.guard = state;
    if (!plan.after().isEmpty()) {
      call.addTransform(new GuardTransform(plan.after(), runner, state, call.body.model(), call.metadata));
    }
    if (plan.before().isEmpty()) {
      return Future.succeededFuture();
    }
    RequestTexts texts = RequestTexts.of(tree(call));
    return runner.before(plan.before(), texts, call.body.model(), call.metadata, state).compose(v -> {
      if (state.denied()) {
        return Future.failedFuture(GatewayException.guardrailDenied(
            "the request was refused by a guardrail (see hook_results); the provider was not called",
            state.hookResults()));
      }
      if (texts.changed()) {
        call.body = JsonBodyInspector.inspect(Buffer.buffer(texts.body().toString()));
      }
      return Future.succeededFuture();
    });
  }

  /**
   * The hooks every target of the plan shares, found without allocating. Targets whose guardrails differ are
   * refused: which target serves is only known during Execute, after the request's guardrails must have run.
   */
  private static Hooks hooks(PlanNode node) {
    return switch (node) {
      case TargetNode target -> target.hooks();
      case GroupNode group -> {
        Hooks first = hooks(group.children().getFirst());
        for (int i = 1; i < group.children().size(); i++) {
          PlanNode child = group.children().get(i);
          if (!hooks(child).equals(first)) {
            throw GatewayException.badRequest(child.path() + ": guardrails differ from those of "
                + group.children().getFirst().path() + " (expected: the same guardrails on every target, e.g. set"
                + " once at the top of the config)", "x-portkey-config");
          }
        }
        yield first;
      }
    };
  }

  private static ObjectNode tree(Exchange call) {
    if (!call.body.json()) {
      throw GatewayException.badRequest("guardrails read JSON request bodies only (expected: a JSON body)");
    }
    try {
      JsonNode tree = JSON.readTree(call.body.bytes().getBytes());
      if (tree instanceof ObjectNode o) {
        return o;
      }
    } catch (IOException e) {
      // reported below
    }
    throw GatewayException.badRequest("request body: not a JSON object (expected: a JSON object for guardrails)");
  }

  @Override
  public String toString() {
    return "InputGuards";
  }
}
