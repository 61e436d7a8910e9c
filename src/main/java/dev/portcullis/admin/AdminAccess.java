package dev.portcullis.admin;

import dev.portcullis.api.GatewayHeaders;
import dev.portcullis.error.GatewayException;
import dev.portcullis.keys.Authenticator;
import dev.portcullis.keys.Principal;
import dev.portcullis.keys.Role;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Authenticates admin calls and checks the role: reads need admin or viewer, changes need admin. The principal is
 * left in the context under {@code "principal"} and its workspace under {@code "workspaceId"}.
 */
public final class AdminAccess implements Handler<RoutingContext> {

  private final Authenticator authenticator;

  public AdminAccess(Authenticator authenticator) {
    this.authenticator = authenticator;
  }

  @Override
  public void handle(RoutingContext ctx) {
    GatewayHeaders h;
    try {
      h = GatewayHeaders.parse(ctx.request().headers());
    } catch (GatewayException e) {
      ctx.fail(e);
      return;
    }
    authenticator.authenticate(h.gatewayKey()).onSuccess(p -> {
      boolean read = ctx.request().method().name().equals("GET");
      if (p.role() == Role.MEMBER || (!read && p.role() != Role.ADMIN)) {
        ctx.fail(GatewayException.forbidden("gateway API key '" + p.keyName() + "' has role " + p.role().wireName()
            + ", which may not " + (read ? "read" : "change") + " admin resources (expected: "
            + (read ? "admin or viewer" : "admin") + ")"));
        return;
      }
      ctx.put("principal", p);
      ctx.put("workspaceId", p.workspaceId());
      ctx.next();
    }).onFailure(ctx::fail);
  }

  static Principal principal(RoutingContext ctx) {
    return ctx.get("principal");
  }
}
