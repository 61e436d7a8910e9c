package dev.portcullis.server;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A dashboard session signed in over plain HTTP, as a browser would: the sign-in form's token, the form post, then
 * the session cookie and the CSRF token its pages carry.
 */
record DashboardSession(String cookie, String csrf) {

  private static final Pattern FORM_TOKEN = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
  private static final Pattern PAGE_TOKEN = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"");

  static DashboardSession signIn(GatewayHarness h, String key) {
    HttpResponse<String> form = h.send(h.get("/dashboard/sign-in"));
    String formCookie = cookie(form, "portcullis_sign_in");
    String token = first(FORM_TOKEN, form.body());
    HttpResponse<String> signedIn = h.send(h.post("/dashboard/sign-in", "csrf=" + token + "&key=" + key,
        "application/x-www-form-urlencoded").header("cookie", "portcullis_sign_in=" + formCookie));
    if (signedIn.statusCode() != 303) {
      throw new IllegalStateException("sign-in answered " + signedIn.statusCode() + ": " + signedIn.body());
    }
    String session = cookie(signedIn, "portcullis_session");
    HttpResponse<String> overview = h.send(h.get("/dashboard").header("cookie", "portcullis_session=" + session));
    return new DashboardSession(session, first(PAGE_TOKEN, overview.body()));
  }

  /** A GET of a dashboard page (or any path) with this session's cookie. */
  HttpResponse<String> get(GatewayHarness h, String path) {
    return h.send(h.get(path).header("cookie", "portcullis_session=" + cookie));
  }

  /** An admin call with this session's cookie and, unless null, {@code csrfHeader} as its CSRF token. */
  HttpResponse<String> admin(GatewayHarness h, String method, String path, String body, String csrfHeader) {
    HttpRequest.Builder request = h.request(method, path, body).header("cookie", "portcullis_session=" + cookie);
    if (csrfHeader != null) {
      request.header("X-CSRF-Token", csrfHeader);
    }
    return h.send(request);
  }

  static String cookie(HttpResponse<?> response, String name) {
    return response.headers().allValues("set-cookie").stream()
        .filter(c -> c.startsWith(name + "="))
        .map(c -> c.substring(name.length() + 1, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
        .findFirst().orElseThrow(() -> new IllegalStateException("no " + name + " cookie in " + response.headers()));
  }

  private static String first(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    if (!m.find()) {
      throw new IllegalStateException("no " + pattern + " in the page: " + text);
    }
    return m.group(1);
  }
}
