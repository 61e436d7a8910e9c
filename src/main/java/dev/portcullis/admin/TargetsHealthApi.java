package dev.portcullis.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.error.GatewayException;
import dev.portcullis.keys.Workspace;
import dev.portcullis.routing.config.BreakerRegistry;
import dev.portcullis.routing.config.BreakerState;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;

/**
 * {@code GET /admin/v1/targets/health}: every routing target's circuit breaker, as this node sees it, one per
 * workspace and target (the target named by the workspace id, then its provider, host and credential fingerprint or
 * its virtual key). The list spans every workspace, so only root-workspace keys may look.
 */
public final class TargetsHealthApi {

  private final BreakerRegistry breakers;

  public TargetsHealthApi(BreakerRegistry breakers) {
    this.breakers = breakers;
  }

  public void handle(RoutingContext ctx) {
    if (!AdminAccess.principal(ctx).workspaceId().equals(Workspace.ROOT)) {
      ctx.fail(GatewayException.forbidden("target health spans every workspace, so it needs a key of the root "
          + "workspace '" + Workspace.ROOT + "'"));
      return;
    }
    AdminJson.send(ctx, 200, AdminJson.list(breakers.snapshot().stream().map(TargetsHealthApi::describe).toList()));
  }

  private static ObjectNode describe(BreakerState s) {
    ObjectNode json = AdminJson.MAPPER.createObjectNode();
    json.put("target", s.key());
    json.put("state", s.state().name().toLowerCase(Locale.ROOT));
    json.put("failure_rate", s.failureRate());
    json.put("calls", s.calls());
    json.put("opened_at", s.openedAt() == null ? null : s.openedAt().toString());
    return json;
  }
}
