package dev.portcullis.guard;

import dev.portcullis.error.GatewayException;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/** The guardrails of one call, saved ones looked up: those on the request and those on the answer. */
public record GuardPlan(List<Guardrail> before, List<Guardrail> after) {

  public GuardPlan {
    before = List.copyOf(before);
    after = List.copyOf(after);
  }

  /** Looks up the saved guardrails {@code hooks} names. */
  public static Future<GuardPlan> resolve(Hooks hooks, String workspaceId, GuardrailSource saved) {
    return resolve(hooks.before(), workspaceId, saved)
        .compose(before -> resolve(hooks.after(), workspaceId, saved).map(after -> new GuardPlan(before, after)));
  }

  private static Future<List<Guardrail>> resolve(List<GuardrailRef> refs, String workspaceId,
      GuardrailSource saved) {
    List<Future<Guardrail>> each = new ArrayList<>(refs.size());
    for (GuardrailRef ref : refs) {
      each.add(switch (ref) {
        case GuardrailRef.Inline(Guardrail g) -> Future.succeededFuture(g);
        case GuardrailRef.Saved(String id) -> saved.find(workspaceId, id);
      });
    }
    return Future.all(each).map(all -> {
      List<Guardrail> out = new ArrayList<>(each.size());
      for (Future<Guardrail> f : each) {
        out.add(f.result());
      }
      return out;
    });
  }

  /** The answer's guardrails may not call webhooks (a saved guardrail is checked when it is used). */
  public GuardPlan requireLocalAfter() {
    for (Guardrail g : after) {
      if (g.callsWebhook()) {
        throw GatewayException.badRequest("output guardrail '" + g.id() + "' calls default.webhook (expected: "
            + "webhooks on request guardrails only; answers are not sent to webhooks yet)", CheckParams.PARAM);
      }
    }
    return this;
  }
}
