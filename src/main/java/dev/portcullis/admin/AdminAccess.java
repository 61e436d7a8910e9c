package dev.portcullis.admin;

import dev.portcullis.api.GatewayHeaders;
import dev.portcullis.error.GatewayException;
import dev.portcullis.keys.ApiKeyService;
import dev.portcullis.keys.Authenticator;
import dev.portcullis.keys.Principal;
import dev.portcullis.keys.Reach;
import dev.portcullis.keys.Role;
import dev.portcullis.keys.Scope;
import dev.portcullis.keys.Tenancy;
import dev.portcullis.keys.User;
import dev.portcullis.keys.UserService;
import dev.portcullis.keys.WorkspaceService;
import dev.portcullis.observe.AuditActor;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.Set;

/**
 * Authenticates admin calls and checks scopes: reads need {@code read-only} or {@code admin}, changes need
 * {@code admin}. The principal is left in the context under {@code "principal"}, and the workspace the call is about
 * under {@code "workspaceId"}: the caller's own, or the {@code workspace_id} query parameter when it names one in the
 * caller's reach (anything else is answered 404, as for a workspace that does not exist).
 *
 * <p>A call without a gateway key may instead carry a dashboard session cookie ({@link SessionCookies}) together with
 * the session's CSRF token in {@code X-CSRF-Token}: the session's key is then re-checked and the call goes on with the
 * same scope and reach checks as that key would get. So the dashboard changes nothing by a way of its own.
 */
public final class AdminAccess implements Handler<RoutingContext> {

  private static final String PRINCIPAL = "principal";
  private static final String WORKSPACE_ID = "workspaceId";

  private final Authenticator authenticator;
  private final WorkspaceService workspaces;
  private final ApiKeyService apiKeys;
  private final UserService users;
  private final SessionCookies sessions;

  public AdminAccess(Authenticator authenticator, Tenancy tenancy, SessionCookies sessions) {
    this.authenticator = authenticator;
    this.sessions = sessions;
    this.workspaces = tenancy.workspaces();
    this.apiKeys = tenancy.apiKeys();
    this.users = tenancy.users();
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
    Cookie cookie = ctx.request().getCookie(SessionCookies.COOKIE);
    Future<Principal> caller = h.gatewayKey() == null && cookie != null ? fromSession(ctx, cookie.getValue())
        : authenticator.authenticate(h.gatewayKey(), null);
    caller.compose(p -> {
      boolean read = ctx.request().method().name().equals("GET");
      if (!p.has(Scope.ADMIN) && !(read && p.has(Scope.READ_ONLY))) {
        return ctx.vertx().<Target>executeBlocking(() -> {
          throw GatewayException.forbidden("gateway API key '" + p.keyName() + "' " + roleOf(p) + ", which may not "
              + (read ? "read" : "change") + " admin resources (expected: " + (read ? "admin or viewer" : "admin")
              + ")");
        }, false);
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

  private Future<Principal> fromSession(RoutingContext ctx, String cookie) {
    Optional<DashboardSession> session = sessions.read(cookie);
    if (session.isEmpty()) {
      return Future.failedFuture(GatewayException.unauthorized("dashboard session is not valid or has ended "
          + "(expected: sign in again at /dashboard, or a gateway API key)"));
    }
    if (!sessions.csrfMatches(session.get(), ctx.request().getHeader(SessionCookies.CSRF_HEADER))) {
      return Future.failedFuture(GatewayException.forbidden("a call made with a dashboard session lacks its CSRF "
          + "token (expected: the '" + SessionCookies.CSRF_HEADER + "' header of the session's pages)"));
    }
    return authenticator.authenticateKeyId(session.get().keyId(), null);
  }

  private record Target(Principal principal, String workspaceId) {}

  /**
   * The role a refused key acts with, and why when it is less than the key's own: a key never holds more than its
   * user's role. Blocking (it reads the key and its user); only refusals pay for it.
   */
  private String roleOf(Principal p) {
    Reach reach = Reach.of(p);
    Set<Scope> own = apiKeys.find(reach, p.keyId()).scopes();
    if (p.userId() == null || p.scopes().containsAll(own)) {
      return "has role " + p.role().wireName();
    }
    User user = users.find(reach, p.userId());
    String acting = p.scopes().isEmpty() ? "no scope at all" : "role " + Role.covering(p.scopes()).wireName();
    return "has role " + p.role().wireName() + " but acts with " + acting + ": its user '" + user.email() + "' ("
        + user.id() + ") has role " + user.role().wireName() + ", and a key never holds more than its user's role";
  }

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

  /**
   * The workspace a write is about: {@code asked} (the body's {@code workspace_id}) when it names one in the caller's
   * reach (one outside is answered 404, as for a workspace that does not exist), else the query's or the caller's
   * own. Blocking.
   */
  static String workspaceOfWrite(RoutingContext ctx, String asked, WorkspaceService workspaces) {
    String fromQuery = workspace(ctx);
    if (asked == null || asked.equals(fromQuery)) {
      return fromQuery;
    }
    if (ctx.request().getParam("workspace_id") != null) {
      throw GatewayException.badRequest("workspace_id: '" + asked + "' in the body, '" + fromQuery
          + "' in the query (expected: one workspace, or the same in both)", "workspace_id");
    }
    return workspaces.find(reach(ctx), asked).id();
  }

  static AuditActor actor(RoutingContext ctx) {
    Principal p = principal(ctx);
    return AuditActor.apiKey(p.keyId(), p.keyName(), ctx.request().remoteAddress() == null ? null
        : ctx.request().remoteAddress().hostAddress());
  }
}
