package dev.portcullis.ui;

import dev.portcullis.admin.DashboardSession;
import dev.portcullis.admin.SessionCookies;
import dev.portcullis.keys.Authenticator;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The web dashboard under {@code /dashboard}, on the gateway's port. A page answers only to a signed-in session whose
 * key still holds; it reads what it shows through the admin API with that session ({@link AdminReader}), and its
 * forms call the admin API from the browser with the session's CSRF token. The dashboard itself changes nothing.
 * Every answer carries a strict Content-Security-Policy: scripts and styles from this origin only, none inline.
 */
public final class Dashboard {

  static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
      + "img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
  private static final int FORM_BODY_LIMIT = 8 * 1024;

  private final SessionCookies sessions;
  private final Authenticator authenticator;
  private final Clock clock;
  private final Templates templates = new Templates();
  private final Assets assets = new Assets();
  private final SignIn signIn;

  public Dashboard(SessionCookies sessions, Authenticator authenticator, Clock clock) {
    this.sessions = sessions;
    this.authenticator = authenticator;
    this.clock = clock;
    this.signIn = new SignIn(sessions, authenticator, templates);
  }

  /**
   * Mounts the pages on {@code router}; the pages read the admin API through the gateway's own port with
   * {@code client} (the serving instance's pooled client: one built here, inside a verticle's start, would take an
   * event loop while the deployment hands them out, and could leave every instance on one loop).
   */
  public void mount(Router router, HttpClient client) {
    router.route("/dashboard*").handler(Dashboard::securityHeaders);
    router.get("/dashboard/assets/:name").handler(assets);
    router.get("/dashboard/sign-in").handler(signIn::form);
    router.post("/dashboard/sign-in").handler(BodyHandler.create(false).setBodyLimit(FORM_BODY_LIMIT))
        .handler(signIn::submit);
    router.post("/dashboard/sign-out").handler(BodyHandler.create(false).setBodyLimit(FORM_BODY_LIMIT))
        .handler(signIn::signOut);
    Map<String, Page> pages = Map.of(
        "/dashboard", new OverviewPage(),
        "/dashboard/logs", new LogsPage(),
        "/dashboard/logs/:id", new LogDetailPage(),
        "/dashboard/keys", new KeysPage(),
        "/dashboard/configs", new ConfigsPage(),
        "/dashboard/policies", new PoliciesPage(),
        "/dashboard/alerts", new AlertsPage(),
        "/dashboard/audit", new AuditPage());
    pages.forEach((path, page) -> router.get(path).handler(ctx -> serve(ctx, page, client)));
  }

  private void serve(RoutingContext ctx, Page page, HttpClient client) {
    Cookie cookie = ctx.request().getCookie(SessionCookies.COOKIE);
    Optional<DashboardSession> session = cookie == null ? Optional.empty() : sessions.read(cookie.getValue());
    if (session.isEmpty()) {
      SignIn.redirect(ctx, "/dashboard/sign-in");
      return;
    }
    String csrf = sessions.csrfToken(session.get());
    String asked = ctx.request().getParam("workspace_id");
    String workspace = asked == null || asked.isEmpty() ? null : asked;
    authenticator.authenticateKeyId(session.get().keyId(), null).onFailure(e -> signIn.end(ctx)).onSuccess(key -> {
      PageFrame frame = new PageFrame(page.title(), page.title(), key.keyName(), key.role().wireName(),
          workspace == null ? key.workspaceId() : workspace, key.isAdmin(), csrf);
      HttpServerRequest request = ctx.request();
      AdminReader admin = new AdminReader(client, request.localAddress().hostAddress(), request.localAddress().port(),
          cookie.getValue(), csrf, workspace);
      page.render(new PageCall(ctx, frame, admin, templates, clock.instant()))
          .onSuccess(html -> ctx.response().putHeader("content-type", "text/html; charset=utf-8").end(html))
          .onFailure(e -> {
            if (e instanceof AdminRefusal refusal && refusal.status() == 401) {
              signIn.end(ctx);
            } else if (e instanceof AdminRefusal refusal) {
              ctx.response().setStatusCode(refusal.status()).putHeader("content-type", "text/html; charset=utf-8")
                  .end(templates.render("refused", frame, Map.of("status", refusal.status(),
                      "message", refusal.getMessage())));
            } else {
              ctx.fail(e);
            }
          });
    });
  }

  private static void securityHeaders(RoutingContext ctx) {
    ctx.response()
        .putHeader("content-security-policy", CONTENT_SECURITY_POLICY)
        .putHeader("x-content-type-options", "nosniff")
        .putHeader("x-frame-options", "DENY")
        .putHeader("referrer-policy", "same-origin");
    if (!ctx.request().path().startsWith("/dashboard/assets/")) {
      ctx.response().putHeader("cache-control", "no-store");
    }
    ctx.next();
  }
}
