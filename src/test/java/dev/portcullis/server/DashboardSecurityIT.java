package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's sessions, CSRF tokens and reach, attacked over plain HTTP. */
class DashboardSecurityIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> PAGES = List.of("/dashboard", "/dashboard/logs", "/dashboard/keys",
      "/dashboard/configs", "/dashboard/policies", "/dashboard/alerts", "/dashboard/audit", "/dashboard/logs/r1");
  private static final String CHAT = "{\"model\":\"openai/gpt-4o\",\"messages\":[]}";

  @TempDir Path dir;

  private static JsonNode json(HttpResponse<String> r, int status) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    return JSON.readTree(r.body());
  }

  private static String createKey(GatewayHarness h, String body) throws Exception {
    return json(h.admin(h.post("/admin/v1/api-keys", body)), 201).path("key").asText();
  }

  @Test
  void noPageAnswersWithoutASessionOrWithAForgedOne() throws Exception {
    try (GatewayHarness h = new GatewayHarness(dir)) {
      DashboardSession real = DashboardSession.signIn(h, GatewayHarness.ADMIN_KEY);
      String[] parts = real.cookie().split("\\.");
      String otherKeyId = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("k-other".getBytes());
      String forged = otherKeyId + "." + parts[1] + "." + parts[2] + "." + parts[3];
      String extended = parts[0] + "." + (Long.parseLong(parts[1]) + 86_400) + "." + parts[2] + "." + parts[3];
      for (String page : PAGES) {
        HttpResponse<String> none = h.send(h.get(page));
        assertThat(none.statusCode()).as(page).isEqualTo(303);
        assertThat(none.headers().firstValue("location")).contains("/dashboard/sign-in");
        for (String cookie : List.of(forged, extended, "garbage")) {
          HttpResponse<String> bad = new DashboardSession(cookie, real.csrf()).get(h, page);
          assertThat(bad.statusCode()).as(page + " with " + cookie).isEqualTo(303);
        }
      }
      json(new DashboardSession(forged, real.csrf()).admin(h, "GET", "/admin/v1/api-keys", null, real.csrf()), 401);
    }
  }

  @Test
  void sessionCookieIsHttpOnlySameSiteStrictAndNamesTheKeyNotItsSecret() throws Exception {
    try (GatewayHarness h = new GatewayHarness(dir)) {
      HttpResponse<String> form = h.send(h.get("/dashboard/sign-in"));
      String formCookie = DashboardSession.cookie(form, "portcullis_sign_in");
      String token = form.body().replaceAll("(?s).*name=\"csrf\" value=\"([^\"]+)\".*", "$1");
      HttpResponse<String> signedIn = h.send(h.post("/dashboard/sign-in", "csrf=" + token + "&key="
          + GatewayHarness.ADMIN_KEY, "application/x-www-form-urlencoded")
          .header("cookie", "portcullis_sign_in=" + formCookie));
      String setCookie = signedIn.headers().allValues("set-cookie").stream()
          .filter(c -> c.startsWith("portcullis_session=")).findFirst().orElseThrow();
      assertThat(setCookie).containsIgnoringCase("HttpOnly").contains("SameSite=Strict").contains("Path=/")
          .doesNotContain(GatewayHarness.ADMIN_KEY);
      assertThat(DashboardSession.cookie(signedIn, "portcullis_session")).doesNotContain(GatewayHarness.ADMIN_KEY);
    }
  }

  @Test
  void signInFormPostedWithoutItsTokenIsRefused() {
    try (GatewayHarness h = new GatewayHarness(dir)) {
      HttpResponse<String> forged = h.send(h.post("/dashboard/sign-in", "key=" + GatewayHarness.ADMIN_KEY,
          "application/x-www-form-urlencoded"));
      assertThat(forged.statusCode()).isEqualTo(403);
      assertThat(forged.headers().allValues("set-cookie")).noneMatch(c -> c.startsWith("portcullis_session="));
    }
  }

  @Test
  void adminCallsWithASessionCookieButWithoutItsCsrfTokenAreRefused() throws Exception {
    try (GatewayHarness h = new GatewayHarness(dir)) {
      DashboardSession session = DashboardSession.signIn(h, GatewayHarness.ADMIN_KEY);
      String body = "{\"name\":\"from-another-site\"}";
      JsonNode missing = json(session.admin(h, "POST", "/admin/v1/api-keys", body, null), 403);
      assertThat(missing.path("error").path("message").asText()).contains("lacks its CSRF token");
      json(session.admin(h, "POST", "/admin/v1/api-keys", body, "not-the-token"), 403);
      json(session.admin(h, "DELETE", "/admin/v1/api-keys/anything", null, null), 403);
      JsonNode keys = json(h.admin(h.get("/admin/v1/api-keys")), 200);
      assertThat(keys.path("data").findValuesAsText("name")).doesNotContain("from-another-site");

      json(session.admin(h, "POST", "/admin/v1/api-keys", body, session.csrf()), 201);
      HttpResponse<String> signOut = h.send(h.post("/dashboard/sign-out", "csrf=wrong",
          "application/x-www-form-urlencoded").header("cookie", "portcullis_session=" + session.cookie()));
      assertThat(signOut.statusCode()).isEqualTo(403);
    }
  }

  @Test
  void sessionOfOneWorkspaceCannotReadAnotherWorkspacesPages() throws Exception {
    try (GatewayHarness h = new GatewayHarness(dir)) {
      String a = json(h.admin(h.post("/admin/v1/workspaces", "{\"name\":\"tenant-a\"}")), 201).path("id").asText();
      String b = json(h.admin(h.post("/admin/v1/workspaces", "{\"name\":\"tenant-b\"}")), 201).path("id").asText();
      String adminOfA = createKey(h, "{\"name\":\"a-admin\",\"role\":\"admin\",\"workspace_id\":\"" + a + "\"}");
      String appOfB = createKey(h, "{\"name\":\"b-secret-app\",\"role\":\"member\",\"workspace_id\":\"" + b + "\"}");
      assertThat(h.send(h.post("/v1/chat/completions", CHAT).header("authorization", "Bearer " + appOfB))
          .statusCode()).isEqualTo(200);
      await().atMost(Duration.ofSeconds(10)).until(() -> h.gateway.logWriter().written() >= 1);
      String rowOfB = json(h.admin(h.get("/admin/v1/logs?workspace_id=" + b)), 200).path("data").get(0).path("id")
          .asText();

      DashboardSession session = DashboardSession.signIn(h, adminOfA);
      for (String page : PAGES) {
        HttpResponse<String> other = session.get(h, page + (page.contains("?") ? "&" : "?") + "workspace_id=" + b);
        assertThat(other.statusCode()).as(page).isEqualTo(404);
        assertThat(other.body()).doesNotContain("b-secret-app").doesNotContain(rowOfB);
      }
      HttpResponse<String> row = session.get(h, "/dashboard/logs/" + rowOfB);
      assertThat(row.statusCode()).isEqualTo(404);
      assertThat(session.get(h, "/dashboard/logs").body()).doesNotContain(rowOfB);
      assertThat(session.get(h, "/dashboard/keys").body()).contains("a-admin").doesNotContain("b-secret-app");
    }
  }

  @Test
  void revokingTheKeyEndsItsSessions() throws Exception {
    try (GatewayHarness h = new GatewayHarness(dir)) {
      JsonNode created = json(h.admin(h.post("/admin/v1/api-keys", "{\"name\":\"ops\",\"role\":\"admin\"}")), 201);
      DashboardSession session = DashboardSession.signIn(h, created.path("key").asText());
      assertThat(session.get(h, "/dashboard/keys").statusCode()).isEqualTo(200);
      json(h.admin(h.request("DELETE", "/admin/v1/api-keys/" + created.path("id").asText(), null)), 200);

      HttpResponse<String> after = session.get(h, "/dashboard/keys");
      assertThat(after.statusCode()).isEqualTo(303);
      assertThat(after.headers().firstValue("location")).contains("/dashboard/sign-in");
      json(session.admin(h, "GET", "/admin/v1/api-keys", null, session.csrf()), 401);
    }
  }

  @Test
  void viewerSeesNoCreateControlsAndItsSessionGets403FromTheFormsEndpoint() throws Exception {
    try (GatewayHarness h = new GatewayHarness(dir)) {
      DashboardSession viewer = DashboardSession.signIn(h, createKey(h, "{\"name\":\"auditor\",\"role\":\"viewer\"}"));
      HttpResponse<String> keys = viewer.get(h, "/dashboard/keys");
      assertThat(keys.statusCode()).isEqualTo(200);
      assertThat(keys.body()).contains("auditor").doesNotContain("Create key").doesNotContain("Revoke");
      json(viewer.admin(h, "POST", "/admin/v1/api-keys", "{\"name\":\"sneaky\"}", viewer.csrf()), 403);
    }
  }

  @Test
  void noProviderSecretOrGatewayKeySecretAppearsInAnyPage() throws Exception {
    String vkSecret = "sk-virtual-key-secret-4242424242";
    try (GatewayHarness h = new GatewayHarness(dir)) {
      json(h.admin(h.post("/admin/v1/virtual-keys", "{\"slug\":\"prod\",\"provider\":\"openai\",\"api_key\":\""
          + vkSecret + "\"}")), 201);
      String other = createKey(h, "{\"name\":\"second\",\"role\":\"admin\"}");
      assertThat(h.chat(CHAT).statusCode()).isEqualTo(200);
      await().atMost(Duration.ofSeconds(10)).until(() -> h.gateway.logWriter().written() >= 1);
      String row = json(h.admin(h.get("/admin/v1/logs")), 200).path("data").get(0).path("id").asText();
      DashboardSession session = DashboardSession.signIn(h, GatewayHarness.ADMIN_KEY);
      for (String page : List.of("/dashboard", "/dashboard/logs", "/dashboard/logs/" + row, "/dashboard/keys",
          "/dashboard/configs", "/dashboard/policies", "/dashboard/alerts", "/dashboard/audit",
          "/dashboard/sign-in")) {
        HttpResponse<String> answer = session.get(h, page);
        assertThat(answer.statusCode()).as(page).isEqualTo(200);
        for (String secret : List.of(GatewayHarness.ADMIN_KEY, other, vkSecret, GatewayHarness.SERVER_PROVIDER_KEY)) {
          assertThat(answer.body()).as(page).doesNotContain(secret);
          assertThat(answer.headers().map().toString()).as(page).doesNotContain(secret);
        }
      }
    }
  }

  @Test
  void everyPageCarriesAStrictContentSecurityPolicyAndNoInlineScript() {
    try (GatewayHarness h = new GatewayHarness(dir)) {
      DashboardSession session = DashboardSession.signIn(h, GatewayHarness.ADMIN_KEY);
      for (String page : List.of("/dashboard", "/dashboard/logs", "/dashboard/keys", "/dashboard/configs",
          "/dashboard/audit")) {
        HttpResponse<String> answer = session.get(h, page);
        assertThat(answer.headers().firstValue("content-security-policy").orElseThrow())
            .contains("script-src 'self'").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        assertThat(answer.body()).doesNotContainPattern("<script(?![^>]*\\bsrc=)").doesNotContain(" onclick=");
      }
    }
  }

  @Test
  void dashboardOffRemovesIt() {
    try (GatewayHarness h = new GatewayHarness(dir, Map.of("PORTCULLIS_DASHBOARD", "off"))) {
      assertThat(h.send(h.get("/dashboard")).statusCode()).isEqualTo(404);
      assertThat(h.send(h.get("/dashboard/sign-in")).statusCode()).isEqualTo(404);
    }
  }
}
