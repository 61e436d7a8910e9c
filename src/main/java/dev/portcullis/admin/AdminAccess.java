package dev.portcullis.admin;

import dev.portcullis.api.GatewayHeaders;
import dev.portcullis.error.GatewayException;
import dev.portcullis.keys.Authenticator;
import dev.portcullis.keys.Principal;
import dev.portcullis.keys.Reach;
import dev.portcullis.keys.Scope;
import dev.portcullis.keys.WorkspaceService;
import dev.portcullis.observe.AuditActor;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Authenticates admin calls and checks scopes: reads need {@code read-only} or {@code admin}, changes need
 * {@code admin}. The principal is left in the context under {@code "principal"}, and the workspace the call is about
 * under {@code "workspaceId"}: the caller's own, or the {@code workspace_id} query parameter when it names one in the
 * caller's reach (anything else is answered 404, as for a workspace that does not exist).
 */
public final class AdminAccess implements Handler<RoutingContext> {

  private static final String PRINCIPAL = "principal";
  private static final String WORKSPACE_ID = "workspaceId";

  private final Authenticator authenticator;
  private final WorkspaceService workspaces;

  public AdminAccess(Authenticator authenticator, WorkspaceService workspaces) {
    this.authenticator = authenticator;
    this.workspaces = workspaces;
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
    authenticator.authenticate(h.gatewayKey(), null).compose(p -> {
      boolean read = ctx.request().method().name().equals("GET");
      if (!p.has(Scope.ADMIN) && !(read && p.has(Scope.READ_ONLY))) {
        return Future.failedFuture(GatewayException.forbidden("gateway API key '" + p.keyName() + "' has role "
            + p.role().wireName() + ", which may not " + (read ? "read" : "change") + " admin resources (expected: "
            + (read ? "admin or viewer" : "admin") + ")"));
      }
      String asked = ctx.request().getParam("workspace_id");
      if (asked == null || asked.isEmpty() || asked.equals(p.workspaceId())) {
        return Future.succeededFuture(new Target(p, p.workspaceId()));
      }
      return ctx.vertx().executeBlocking(() -> new Target(p, workspaces.find(Reach.of(p), asked).id()), false);
    }).onSuccess(target -> {
      ctx.put(PRINCIPAL, target.principal());
      ctx.put(WORKSPACE_ID, target.workspaceId());
      ctx.next();
    }).onFailure(ctx::fail);
  }

  private record Target(Principal principal, String workspaceId) {}

  static Principal principal(RoutingContext ctx) {
    return ctx.get(PRINCIPAL);
  }

  static Reach reach(RoutingContext ctx) {
    return Reach.of(principal(ctx));
  }

  /** The workspace the call is about: the caller's, or the one named by {@code workspace_id}. */
  static String workspace(RoutingContext ctx) {
    return ctx.get(WORKSPACE_ID);
  }

  static AuditActor actor(RoutingContext ctx) {
    Principal p = principal(ctx);
    return AuditActor.apiKey(p.keyId(), p.keyName(), ctx.request().remoteAddress() == null ? null
        : ctx.request().remoteAddress().hostAddress());
  }
}
