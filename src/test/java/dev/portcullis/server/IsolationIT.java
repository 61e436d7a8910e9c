package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.admin.OpenApiDocument;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A key of workspace A never sees or uses anything of workspace B: every documented admin operation and every
 * inference route, aimed at B's objects with A's keys, is refused with 403 or 404, and answered exactly as the same
 * call aimed at objects that do not exist.
 */
class IsolationIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  private static GatewayHarness h;
  private static String adminA;
  private static String memberA;
  private static Map<String, String> foreign;
  private static final Map<String, String> MISSING = Map.of("workspace", "ws-0000000000000000",
      "user", "00000000-0000-0000-0000-000000000001", "api-key", "00000000-0000-0000-0000-000000000002",
      "slug", "no-such-key");

  @BeforeAll
  static void start() throws Exception {
    h = new GatewayHarness(dir);
    String a = created(h.admin(h.post("/admin/v1/workspaces", "{\"name\":\"tenant-a\"}"))).path("id").asText();
    String b = created(h.admin(h.post("/admin/v1/workspaces", "{\"name\":\"tenant-b-secret-name\"}")))
        .path("id").asText();
    adminA = created(h.admin(h.post("/admin/v1/api-keys", "{\"name\":\"a-admin\",\"role\":\"admin\","
        + "\"workspace_id\":\"" + a + "\"}"))).path("key").asText();
    memberA = created(h.admin(h.post("/admin/v1/api-keys", "{\"name\":\"a-member\",\"workspace_id\":\"" + a + "\"}")))
        .path("key").asText();
    String userB = created(h.admin(h.post("/admin/v1/users", "{\"email\":\"bob@b.example\",\"workspace_id\":\"" + b
        + "\"}"))).path("id").asText();
    String keyB = created(h.admin(h.post("/admin/v1/api-keys", "{\"name\":\"b-key-name\",\"workspace_id\":\"" + b
        + "\"}"))).path("id").asText();
    created(h.admin(h.post("/admin/v1/virtual-keys", "{\"slug\":\"b-only-vk\",\"provider\":\"openai\","
        + "\"api_key\":\"sk-b-secret-9999\",\"base_url\":\"" + h.mock.baseUrl() + "\",\"workspace_id\":\"" + b
        + "\"}")));
    foreign = Map.of("workspace", b, "user", userB, "api-key", keyB, "slug", "b-only-vk");
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  private static JsonNode created(HttpResponse<String> r) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return JSON.readTree(r.body());
  }

  /** One documented operation, aimed at the objects named in {@code ids}. */
  private record Call(String method, String path, String body) {}

  private static List<Call> calls(Map<String, String> ids) {
    List<Call> out = new ArrayList<>();
    JsonNode paths = OpenApiDocument.load().path("paths");
    for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> path = it.next();
      if (path.getKey().endsWith("/openapi.json") || path.getKey().equals("/admin/v1/configs/validate")) {
        continue; // neither reads nor changes an object of any workspace: there is nothing to hide
      }
      String concrete = path.getKey().replace("{slug}", ids.get("slug")).replace("{provider}", "openai")
          .replace("{model}", "gpt-4o").replace("{label}", "production").replace("{id}", ids.get(
          path.getKey().startsWith("/admin/v1/workspaces") ? "workspace"
              : path.getKey().startsWith("/admin/v1/users") ? "user" : "api-key"));
      for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
        Map.Entry<String, JsonNode> op = ops.next();
        if (op.getKey().equals("parameters")) {
          continue;
        }
        boolean scoped = (path.getValue().path("parameters").toString() + op.getValue().path("parameters"))
            .contains("WorkspaceId");
        String url = concrete + (scoped ? "?workspace_id=" + ids.get("workspace") : "");
        out.add(new Call(op.getKey().toUpperCase(Locale.ROOT), url, body(op.getKey(), path.getKey(), ids)));
      }
    }
    return out;
  }

  private static String body(String method, String template, Map<String, String> ids) {
    String ws = ids.get("workspace");
    return switch (method + " " + template) {
      case "post /admin/v1/workspaces" -> "{\"name\":\"x\",\"parent_id\":\"" + ws + "\"}";
      case "post /admin/v1/users" -> "{\"email\":\"x@example.com\",\"workspace_id\":\"" + ws + "\"}";
      case "post /admin/v1/api-keys" -> "{\"name\":\"x\",\"workspace_id\":\"" + ws + "\"}";
      case "post /admin/v1/virtual-keys" -> "{\"provider\":\"openai\",\"api_key\":\"sk-x\",\"workspace_id\":\""
          + ws + "\"}";
      case "post /admin/v1/configs", "put /admin/v1/configs/{id}" -> "{\"config\":{\"provider\":\"openai\"},"
          + "\"workspace_id\":\"" + ws + "\"}";
      case "post /admin/v1/guardrails", "put /admin/v1/guardrails/{id}" -> "{\"checks\":[{\"id\":"
          + "\"portcullis.pii\"}],\"workspace_id\":\"" + ws + "\"}";
      case "post /admin/v1/api-keys/{id}/rotate" -> "{\"grace_period_seconds\":0}";
      case "post /admin/v1/virtual-keys/{slug}/rotate" -> "{\"api_key\":\"sk-x\"}";
      default -> method.equals("patch") ? "{\"name\":\"x\"}" : null;
    };
  }

  private static HttpResponse<String> send(Call call, String key) {
    return h.send(h.request(call.method(), call.path(), call.body()).header("authorization", "Bearer " + key));
  }

  private static String normalized(String body, Map<String, String> ids) {
    String out = body;
    for (String id : ids.values()) {
      out = out.replace(id, "<id>");
    }
    return out;
  }

  @Test
  void everyAdminOperationOnAnotherWorkspaceIsAnsweredAsIfItDidNotExist() {
    List<Call> aimedAtB = calls(foreign);
    List<Call> aimedAtNothing = calls(MISSING);
    assertThat(aimedAtB).hasSizeGreaterThanOrEqualTo(25);
    for (int i = 0; i < aimedAtB.size(); i++) {
      Call call = aimedAtB.get(i);
      HttpResponse<String> toB = send(call, adminA);
      HttpResponse<String> toNothing = send(aimedAtNothing.get(i), adminA);
      assertThat(toB.statusCode()).as(call + " -> " + toB.body()).isIn(403, 404);
      assertThat(toB.statusCode()).as(call.toString()).isEqualTo(toNothing.statusCode());
      assertThat(normalized(toB.body(), foreign)).as(call.toString()).isEqualTo(normalized(toNothing.body(), MISSING));
      assertThat(toB.body()).doesNotContain("tenant-b-secret-name", "b-key-name", "bob@b.example", "sk-b-secret");
    }
  }

  @Test
  void ownListingsShowNothingOfAnotherWorkspaceNorOfTheParent() {
    for (String list : List.of("/admin/v1/workspaces", "/admin/v1/users", "/admin/v1/api-keys",
        "/admin/v1/virtual-keys", "/admin/v1/audit", "/admin/v1/logs", "/admin/v1/logs/export",
        "/admin/v1/analytics/groups?group_by=workspace", "/admin/v1/analytics/groups?group_by=api_key",
        "/admin/v1/cache")) {
      HttpResponse<String> r = h.send(h.get(list).header("authorization", "Bearer " + adminA));
      assertThat(r.statusCode()).as(list).isEqualTo(200);
      assertThat(r.body()).as(list).doesNotContain(foreign.get("workspace"), foreign.get("api-key"), "b-only-vk",
          "tenant-b-secret-name");
    }
    HttpResponse<String> parent = h.send(h.post("/admin/v1/api-keys", "{\"name\":\"x\",\"workspace_id\":\"default\"}")
        .header("authorization", "Bearer " + adminA));
    assertThat(parent.statusCode()).isEqualTo(404);
    assertThat(parent.body()).contains("workspace 'default' does not exist");
  }

  @Test
  void everyInferenceRouteRefusesAnotherWorkspacesVirtualKeyLikeAMissingOne() throws Exception {
    for (String route : List.of("/v1/chat/completions", "/v1/completions", "/v1/embeddings", "/v1/responses",
        "/v1/moderations", "/v1/images/generations", "/v1/audio/speech", "/v1/rerank")) {
      for (String slug : List.of(foreign.get("slug"), MISSING.get("slug"))) {
        HttpResponse<String> byModel = h.send(h.post(route, "{\"model\":\"@" + slug + "/gpt-4o\",\"input\":\"hi\"}")
            .header("authorization", "Bearer " + memberA));
        HttpResponse<String> byHeader = h.send(h.post(route, "{\"model\":\"gpt-4o\",\"input\":\"hi\"}")
            .header("authorization", "Bearer " + memberA).header("x-portkey-virtual-key", slug));
        for (HttpResponse<String> r : List.of(byModel, byHeader)) {
          assertThat(r.statusCode()).as(route + " " + r.body()).isEqualTo(404);
          assertThat(JSON.readTree(r.body()).path("error").path("message").asText()).isEqualTo("virtual key '" + slug
              + "' does not exist in this workspace (expected: a slug created with 'portcullis virtual-keys create' "
              + "or POST /admin/v1/virtual-keys)");
        }
      }
    }
    assertThat(h.mock.recordedRequests()).noneMatch(r -> "Bearer sk-b-secret-9999".equals(r.header("authorization")));
  }
}
