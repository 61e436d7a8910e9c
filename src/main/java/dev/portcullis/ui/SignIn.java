package dev.portcullis.ui;

import dev.portcullis.admin.DashboardSession;
import dev.portcullis.admin.SessionCookies;
import dev.portcullis.keys.Authenticator;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Signing in with a gateway key of any role, and out. The key is checked like any presented key; the session cookie
 * then names it by id only. The sign-in form carries a token bound to a cookie of its own, so another site cannot
 * sign a browser in; signing out needs the session's CSRF token.
 */
final class SignIn {

  private static final String FORM_COOKIE = "portcullis_sign_in";
  private static final String FORM_PATH = "/dashboard/sign-in";

  private final SessionCookies sessions;
  private final Authenticator authenticator;
  private final Templates templates;
  private final SecureRandom random = new SecureRandom();

  SignIn(SessionCookies sessions, Authenticator authenticator, Templates templates) {
    this.sessions = sessions;
    this.authenticator = authenticator;
    this.templates = templates;
  }

  void form(RoutingContext ctx) {
    page(ctx, 200, null);
  }

  void submit(RoutingContext ctx) {
    Cookie formCookie = ctx.request().getCookie(FORM_COOKIE);
    String token = ctx.request().getFormAttribute("csrf");
    if (formCookie == null || token == null || !MessageDigest.isEqual(formCookie.getValue().getBytes(
        StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
      page(ctx, 403, "The sign-in form had expired or came from elsewhere; sign in again.");
      return;
    }
    authenticator.authenticate(ctx.request().getFormAttribute("key"), null)
        .onFailure(e -> page(ctx, 401, e.getMessage()))
        .onSuccess(key -> {
          DashboardSession session = sessions.open(key.keyId());
          ctx.response().addCookie(sessions.cookie(session, secure(ctx)));
          ctx.response().addCookie(Cookie.cookie(FORM_COOKIE, "").setPath(FORM_PATH).setMaxAge(0));
          redirect(ctx, "/dashboard");
        });
  }

  void signOut(RoutingContext ctx) {
    Cookie cookie = ctx.request().getCookie(SessionCookies.COOKIE);
    Optional<DashboardSession> session = cookie == null ? Optional.empty() : sessions.read(cookie.getValue());
    if (session.isPresent() && !sessions.csrfMatches(session.get(), ctx.request().getFormAttribute("csrf"))) {
      ctx.response().setStatusCode(403).putHeader("content-type", "text/plain; charset=utf-8")
          .end("sign-out refused: the form lacks the session's CSRF token");
      return;
    }
    end(ctx);
  }

  /** Ends the browser's session (a revoked key, a finished session) and sends it to the sign-in page. */
  void end(RoutingContext ctx) {
    ctx.response().addCookie(SessionCookies.signedOut(secure(ctx)));
    redirect(ctx, FORM_PATH);
  }

  static void redirect(RoutingContext ctx, String location) {
    ctx.response().setStatusCode(303).putHeader("location", location).end();
  }

  private void page(RoutingContext ctx, int status, String message) {
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    ctx.response().addCookie(Cookie.cookie(FORM_COOKIE, token).setPath(FORM_PATH).setHttpOnly(true)
        .setSameSite(CookieSameSite.STRICT).setSecure(secure(ctx)));
    ctx.response().setStatusCode(status).putHeader("content-type", "text/html; charset=utf-8")
        .end(templates.render("signin", null, message == null ? Map.of("csrf", token)
            : Map.of("csrf", token, "message", message)));
  }

  /** Whether the browser reached the gateway over TLS (directly, or through a proxy that says so). */
  private static boolean secure(RoutingContext ctx) {
    return ctx.request().isSSL() || "https".equalsIgnoreCase(ctx.request().getHeader("x-forwarded-proto"));
  }
}
