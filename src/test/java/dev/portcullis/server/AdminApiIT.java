package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin API end to end: sub-accounts with limits, key rotation over HTTP, audit verification and tampering. */
class AdminApiIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CHAT = "{\"model\":\"openai/gpt-4o\",\"messages\":[]}";
  @TempDir Path dir;

  private static JsonNode json(HttpResponse<String> r, int status) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    return JSON.readTree(r.body());
  }

  private static HttpResponse<String> as(GatewayHarness h, String key, String method, String path, String body) {
    return h.send(h.request(method, path, body).header("authorization", "Bearer " + key));
  }

  @Test
  void workspaceAdminCreatesCustomerSubAccountsAndTheirKeysWithinLimits() throws Exception {
    try (GatewayHarness h = new GatewayHarness(dir)) {
      JsonNode reseller = json(h.admin(h.post("/admin/v1/workspaces",
          "{\"name\":\"reseller\",\"limits\":{\"max_workspaces\":1}}")), 201);
      String resellerAdmin = json(h.admin(h.post("/admin/v1/api-keys", "{\"name\":\"r-admin\",\"role\":\"admin\","
          + "\"workspace_id\":\"" + reseller.path("id").asText() + "\"}")), 201).path("key").asText();

      JsonNode customer = json(as(h, resellerAdmin, "POST", "/admin/v1/workspaces",
          "{\"name\":\"customer-1\",\"limits\":{\"max_api_keys\":1}}"), 201);
      assertThat(customer.path("parent_id").asText()).isEqualTo(reseller.path("id").asText());
      JsonNode refused = json(as(h, resellerAdmin, "POST", "/admin/v1/workspaces", "{\"name\":\"customer-2\"}"), 403);
      assertThat(refused.path("error").path("message").asText()).isEqualTo("workspace '" + reseller.path("id").asText()
          + "' already holds its limit of 1 child workspaces (expected: delete one, or ask its parent's admin to "
          + "raise max_workspaces)");
      JsonNode ownLimits = json(as(h, resellerAdmin, "PATCH", "/admin/v1/workspaces/" + reseller.path("id").asText(),
          "{\"limits\":{\"max_workspaces\":100}}"), 403);
      assertThat(ownLimits.path("error").path("message").asText()).contains("is the caller's own");

      String customerKey = json(as(h, resellerAdmin, "POST", "/admin/v1/api-keys", "{\"name\":\"c1\",\"workspace_id\":\""
          + customer.path("id").asText() + "\",\"metadata\":{\"customer\":\"c1\"}}"), 201).path("key").asText();
      assertThat(h.send(h.post("/v1/chat/completions", CHAT).header("authorization", "Bearer " + customerKey))
          .statusCode()).isEqualTo(200);
      json(as(h, resellerAdmin, "POST", "/admin/v1/api-keys", "{\"name\":\"c1b\",\"workspace_id\":\""
          + customer.path("id").asText() + "\"}"), 403);

      json(as(h, resellerAdmin, "PATCH", "/admin/v1/workspaces/" + customer.path("id").asText(),
          "{\"enabled\":false}"), 200);
      assertThat(h.send(h.post("/v1/chat/completions", CHAT).header("authorization", "Bearer " + customerKey))
          .statusCode()).isEqualTo(403);
    }
  }

  @Test
  void rotatedKeyServesWithBothSecretsAndRevokedKeyIsRefused() throws Exception {
    try (GatewayHarness h = new GatewayHarness(dir)) {
      String configId = json(h.admin(h.post("/admin/v1/configs",
          "{\"config\":{\"retry\":{\"attempts\":1}}}")), 201).path("id").asText();
      JsonNode key = json(h.admin(h.post("/admin/v1/api-keys",
          "{\"name\":\"app\",\"default_config\":\"" + configId + "\"}")), 201);
      String id = key.path("id").asText();
      JsonNode rotated = json(h.admin(h.post("/admin/v1/api-keys/" + id + "/rotate",
          "{\"grace_period_seconds\":600}")), 200);
      assertThat(rotated.path("key").asText()).startsWith("pcl-").isNotEqualTo(key.path("key").asText());
      assertThat(rotated.path("previous_secret_valid_until").isTextual()).isTrue();
      assertThat(rotated.path("default_config").asText()).isEqualTo(configId);
      for (String secret : new String[] {key.path("key").asText(), rotated.path("key").asText()}) {
        assertThat(h.send(h.post("/v1/chat/completions", CHAT).header("authorization", "Bearer " + secret))
            .statusCode()).isEqualTo(200);
      }
      JsonNode listed = json(h.admin(h.get("/admin/v1/api-keys/" + id)), 200);
      assertThat(listed.toString()).doesNotContain(rotated.path("key").asText());

      json(h.admin(h.request("DELETE", "/admin/v1/api-keys/" + id, null)), 200);
      assertThat(h.send(h.post("/v1/chat/completions", CHAT).header("authorization", "Bearer "
          + rotated.path("key").asText())).statusCode()).isEqualTo(401);
    }
  }

  @Test
  void auditVerifyAnswersValidThenNamesTheEntryEditedInTheDatabase() throws Exception {
    try (GatewayHarness h = new GatewayHarness(dir)) {
      json(h.admin(h.post("/admin/v1/workspaces", "{\"name\":\"w\"}")), 201);
      json(h.admin(h.post("/admin/v1/virtual-keys", "{\"slug\":\"az\",\"provider\":\"azure-openai\","
          + "\"api_key\":\"az-secret-123456\",\"resource_name\":\"my-res\",\"deployment_id\":\"gpt-4o\","
          + "\"api_version\":\"2024-10-21\"}")), 201);
      JsonNode valid = json(h.admin(h.get("/admin/v1/audit/verify")), 200);
      assertThat(valid.path("valid").asBoolean()).isTrue();
      assertThat(valid.path("entries_checked").asLong()).isEqualTo(valid.path("head_seq").asLong()).isPositive();

      JsonNode entries = json(h.admin(h.get("/admin/v1/audit?action=virtual_key.create")), 200).path("data");
      assertThat(entries).hasSize(1);
      assertThat(entries.get(0).path("after").path("secrets").path("api_key").asText()).isEqualTo("****");
      assertThat(entries.get(0).path("source_ip").asText()).isEqualTo("127.0.0.1");
      assertThat(entries.toString()).doesNotContain("az-secret-123456");

      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("portcullis.db"));
          Statement s = c.createStatement()) {
        s.execute("UPDATE audit_log SET after_state = replace(after_state, 'my-res', 'evil-res') WHERE action = "
            + "'virtual_key.create'");
      }
      JsonNode broken = json(h.admin(h.get("/admin/v1/audit/verify")), 200);
      assertThat(broken.path("valid").asBoolean()).isFalse();
      assertThat(broken.path("first_bad_entry").path("id").asText()).isEqualTo(entries.get(0).path("id").asText());
      assertThat(broken.path("first_bad_entry").path("problem").asText()).endsWith("does not match its hash (it was "
          + "edited)");
    }
  }

  @Test
  void logsOfChildWorkspacesShowToTheirAncestorsEachNamingItsWorkspaceAndWorkspaceIdNarrowsThem() throws Exception {
    try (GatewayHarness h = new GatewayHarness(dir)) {
      String child = json(h.admin(h.post("/admin/v1/workspaces", "{\"name\":\"logs-child\"}")), 201).path("id")
          .asText();
      JsonNode duplicate = json(h.admin(h.post("/admin/v1/workspaces", "{\"name\":\"logs-child\"}")), 409);
      assertThat(duplicate.path("error").path("message").asText()).contains("is taken by workspace '" + child + "'");
      String childKey = json(h.admin(h.post("/admin/v1/api-keys", "{\"name\":\"logs-child-app\","
          + "\"role\":\"admin\",\"workspace_id\":\"" + child + "\"}")), 201).path("key").asText();
      assertThat(h.chat("{\"model\":\"openai/gpt-4o\",\"messages\":[]}").statusCode()).isEqualTo(200);
      assertThat(as(h, childKey, "POST", "/v1/chat/completions", CHAT).statusCode()).isEqualTo(200);
      await().atMost(Duration.ofSeconds(10)).until(() -> h.gateway.logWriter().written() >= 2);

      JsonNode all = json(h.admin(h.get("/admin/v1/logs")), 200);
      assertThat(all.path("data").findValuesAsText("workspace_id")).containsExactlyInAnyOrder("default", child);
      JsonNode childOnly = json(h.admin(h.get("/admin/v1/logs?workspace_id=" + child)), 200);
      assertThat(childOnly.path("data").findValuesAsText("workspace_id")).containsExactly(child);
      JsonNode own = json(as(h, childKey, "GET", "/admin/v1/logs", null), 200);
      assertThat(own.path("data").findValuesAsText("workspace_id")).containsExactly(child);
      JsonNode upwards = json(as(h, childKey, "GET", "/admin/v1/logs?workspace_id=default", null), 404);
      assertThat(upwards.path("error").path("message").asText()).isEqualTo("workspace 'default' does not exist");
    }
  }

  @Test
  void aKeyNarrowedByItsUsersRoleIsRefusedNamingTheRoleItActsWithAndWhy() throws Exception {
    try (GatewayHarness h = new GatewayHarness(dir)) {
      String user = json(h.admin(h.post("/admin/v1/users", "{\"email\":\"vera@example.com\",\"role\":\"admin\"}")),
          201).path("id").asText();
      String key = json(h.admin(h.post("/admin/v1/api-keys", "{\"name\":\"vera-admin\",\"role\":\"admin\","
          + "\"user_id\":\"" + user + "\"}")), 201).path("key").asText();
      json(h.admin(h.request("PATCH", "/admin/v1/users/" + user, "{\"role\":\"viewer\"}")), 200);

      json(as(h, key, "GET", "/admin/v1/workspaces", null), 200);
      JsonNode refused = json(as(h, key, "POST", "/admin/v1/workspaces", "{\"name\":\"vera-ws\"}"), 403);
      assertThat(refused.path("error").path("message").asText()).isEqualTo("gateway API key 'vera-admin' has role "
          + "admin but acts with role viewer: its user 'vera@example.com' (" + user + ") has role viewer, and a key "
          + "never holds more than its user's role, which may not change admin resources (expected: admin)");
    }
  }

  @Test
  void openApiDocumentIsServedWithoutAKey() throws Exception {
    try (GatewayHarness h = new GatewayHarness(dir)) {
      JsonNode doc = json(h.send(h.get("/admin/v1/openapi.json")), 200);
      assertThat(doc.path("openapi").asText()).startsWith("3.0");
      assertThat(doc.path("paths").has("/admin/v1/api-keys/{id}/rotate")).isTrue();
    }
  }
}
