package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.mock.MockUpstream;
import dev.portcullis.mock.MockUpstreamOptions;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Routing configs end to end: real gateway, real mock providers, real failures. */
class RoutingIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BODY = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  @TempDir static Path dir;
  private static GatewayHarness h;
  private static MockUpstream broken;
  private static MockUpstream healthy;

  @BeforeAll
  static void start() {
    h = new GatewayHarness(dir);
    broken = MockUpstream.start(h.vertx,
        new MockUpstreamOptions("127.0.0.1", 0, 0, 5, 0, 503, 0.0, 0.0, 0.0, 1, true)).await();
    healthy = MockUpstream.start(h.vertx, MockUpstreamOptions.defaults()).await();
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  @BeforeEach
  void clear() {
    broken.clearRecorded();
    healthy.clearRecorded();
  }

  private static String target(MockUpstream mock, String extra) {
    return "{\"provider\":\"openai\",\"api_key\":\"sk-t\",\"custom_host\":\"" + mock.baseUrl() + "\"" + extra + "}";
  }

  private static HttpResponse<String> chat(String config, String body, String... headers) {
    String[] all = new String[headers.length + 2];
    all[0] = "x-portkey-config";
    all[1] = config;
    System.arraycopy(headers, 0, all, 2, headers.length);
    return h.chat(body, all);
  }

  @Test
  void fallbackAnswersFromTheSecondTargetWhenTheFirstFails() throws Exception {
    String config = "{\"strategy\":{\"mode\":\"fallback\"},\"targets\":[" + target(broken, "") + ","
        + target(healthy, "") + "]}";
    HttpResponse<String> r = chat(config, BODY, "x-portkey-trace-id", "fb-1");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("x-portkey-last-used-option-index")).hasValue("config.targets[1]");
    assertThat(r.headers().firstValue("x-portkey-retry-attempt-count")).hasValue("0");
    assertThat(broken.recordedRequests()).hasSize(1);
    assertThat(healthy.recordedRequests()).hasSize(1);
    assertThat(JSON.readTree(healthy.recordedRequests().getFirst().bodyAsString()).path("model").asText())
        .isEqualTo("gpt-4o");
  }

  @Test
  void fallbackOnlyMovesOnForListedStatusCodes() throws Exception {
    String config = "{\"strategy\":{\"mode\":\"fallback\",\"on_status_codes\":[429]},\"targets\":["
        + target(broken, "") + "," + target(healthy, "") + "]}";
    HttpResponse<String> r = chat(config, BODY);
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.headers().firstValue("x-portkey-last-used-option-index")).hasValue("config.targets[0]");
    assertThat(healthy.recordedRequests()).isEmpty();
  }

  @Test
  void streamsFallBackBeforeTheirFirstByte() {
    String config = "{\"strategy\":{\"mode\":\"fallback\"},\"targets\":[" + target(broken, "") + ","
        + target(healthy, "") + "]}";
    HttpResponse<String> r = chat(config, "{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":[]}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("data: [DONE]");
    assertThat(r.headers().firstValue("x-portkey-last-used-option-index")).hasValue("config.targets[1]");
  }

  @Test
  void retriesThenReportsExhaustionAsMinusOne() {
    String config = target(broken, ",\"retry\":{\"attempts\":2,\"on_status_codes\":[503]}");
    HttpResponse<String> r = chat(config, BODY);
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(broken.recordedRequests()).hasSize(3);
    assertThat(r.headers().firstValue("x-portkey-retry-attempt-count")).hasValue("-1");
  }

  @Test
  void overrideParamsReplaceTheCallersFieldsAndKeepTheRest() throws Exception {
    String config = target(healthy, ",\"override_params\":{\"model\":\"gpt-4o-mini\",\"temperature\":0.2}");
    HttpResponse<String> r = chat(config, "{\"model\":\"gpt-4o\",\"temperature\":1.5,\"x_keep\":[1],\"messages\":[]}");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode sent = JSON.readTree(healthy.recordedRequests().getFirst().bodyAsString());
    assertThat(sent.path("model").asText()).isEqualTo("gpt-4o-mini");
    assertThat(sent.path("temperature").asDouble()).isEqualTo(0.2);
    assertThat(sent.path("x_keep").get(0).asInt()).isEqualTo(1);
  }

  @Test
  void conditionalRoutesOnMetadata() {
    String config = "{\"strategy\":{\"mode\":\"conditional\",\"conditions\":[{\"query\":{\"metadata.plan\":"
        + "{\"$eq\":\"paid\"}},\"then\":\"fast\"}],\"default\":\"slow\"},\"targets\":["
        + target(healthy, ",\"name\":\"fast\"") + "," + target(broken, ",\"name\":\"slow\"") + "]}";
    assertThat(chat(config, BODY, "x-portkey-metadata", "{\"plan\":\"paid\"}").statusCode()).isEqualTo(200);
    assertThat(chat(config, BODY, "x-portkey-metadata", "{\"plan\":\"free\"}").statusCode()).isEqualTo(503);
  }

  @Test
  void perTargetTimeoutFallsBackAndIsCancelled() {
    String config = "{\"strategy\":{\"mode\":\"fallback\"},\"targets\":["
        + target(healthy, ",\"request_timeout\":150,\"forward_headers\":[\"x-mock-latency-ms\"]") + ","
        + target(healthy, "") + "]}";
    HttpResponse<String> r = chat(config, BODY, "x-mock-latency-ms", "5000");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("x-portkey-last-used-option-index")).hasValue("config.targets[1]");
  }

  @Test
  void invalidConfigIs400NamingThePath() throws Exception {
    HttpResponse<String> r = chat("{\"strategy\":{\"mode\":\"loadbalance\"},\"targets\":[{\"provider\":\"openai\",\"weight\":-2}]}", BODY);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(r.body()).path("error").path("message").asText())
        .isEqualTo("targets[0].weight: -2 (expected: >= 0)");
  }

  @Test
  void savedConfigIsUsedByIdAndVersioned() throws Exception {
    String v1 = target(broken, "");
    HttpResponse<String> created = h.admin(h.post("/admin/v1/configs", "{\"name\":\"prod\",\"config\":" + v1 + "}"));
    assertThat(created.statusCode()).isEqualTo(201);
    String id = JSON.readTree(created.body()).path("id").asText();
    assertThat(id).startsWith("pc-");
    assertThat(chat(id, BODY).statusCode()).isEqualTo(503);

    String v2 = target(healthy, "");
    HttpResponse<String> updated = h.admin(h.request("PUT", "/admin/v1/configs/" + id, "{\"config\":" + v2 + "}"));
    assertThat(updated.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(updated.body()).path("version").asInt()).isEqualTo(2);
    assertThat(chat(id, BODY).statusCode()).isEqualTo(200);

    HttpResponse<String> first = h.admin(h.get("/admin/v1/configs/" + id + "?version=1"));
    assertThat(JSON.readTree(first.body()).path("config").path("custom_host").asText())
        .isEqualTo(broken.baseUrl());
    assertThat(JSON.readTree(h.admin(h.get("/admin/v1/configs/" + id + "/versions")).body()).path("data")).hasSize(2);
  }

  @Test
  void unknownSavedConfigIs400() throws Exception {
    HttpResponse<String> r = chat("pc-nothing", BODY);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(r.body()).path("error").path("message").asText()).isEqualTo("x-portkey-config: saved "
        + "config 'pc-nothing' does not exist (expected: inline config JSON, or the id of a config created with "
        + "POST /admin/v1/configs)");
  }

  @Test
  void repeatedFailuresOpenTheTargetsBreakerVisibleInHealth() throws Exception {
    String config = "{\"strategy\":{\"mode\":\"fallback\"},\"targets\":[" + target(broken, ",\"api_key\":\"sk-b\"")
        .replace("\"api_key\":\"sk-t\",", "") + "," + target(healthy, "") + "]}";
    for (int i = 0; i < 30; i++) {
      assertThat(chat(config, BODY).statusCode()).isEqualTo(200);
    }
    int reachedBroken = broken.recordedRequests().size();
    assertThat(reachedBroken).isLessThan(30);
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
      JsonNode health = JSON.readTree(h.admin(h.get("/admin/v1/targets/health")).body()).path("data");
      assertThat(health.toString()).contains("\"state\":\"open\"").doesNotContain("sk-b");
    });
    String metrics = h.send(h.get("/metrics")).body();
    assertThat(metrics).contains("portcullis_breaker_state{provider=\"openai\"} 2.0")
        .containsPattern("portcullis_requests_total\\{[^}]*provider=\"openai\",status_class=\"2xx\"")
        .doesNotContain("sk-b").doesNotContain(broken.baseUrl());
  }

  @Test
  void aKeysDefaultConfigAndMetadataApplyWhenTheRequestSendsNone() throws Exception {
    String config = "{\"strategy\":{\"mode\":\"fallback\"},\"targets\":[" + target(broken, "") + ","
        + target(healthy, "") + "]}";
    HttpResponse<String> created = h.admin(h.post("/admin/v1/api-keys", "{\"name\":\"routed\",\"role\":\"member\","
        + "\"default_config\":" + config + ",\"metadata\":{\"team\":\"growth\",\"env\":\"prod\"}}"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String key = JSON.readTree(created.body()).path("key").asText();
    HttpResponse<String> r = h.send(h.post("/v1/chat/completions", BODY).header("authorization", "Bearer " + key)
        .header("x-portkey-metadata", "{\"env\":\"staging\"}").header("x-portkey-trace-id", "key-config"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("x-portkey-last-used-option-index")).hasValue("config.targets[1]");
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      JsonNode rows = JSON.readTree(h.admin(h.get("/admin/v1/logs?metadata.team=growth")).body()).path("data");
      assertThat(rows).hasSize(1);
      assertThat(rows.get(0).path("metadata").path("env").asText()).isEqualTo("staging");
    });
  }

  @Test
  void providerSlashModelFailsOverAcrossThatProvidersVirtualKeys() throws Exception {
    for (String[] vk : new String[][] {{"together-a", broken.baseUrl()}, {"together-b", healthy.baseUrl()}}) {
      HttpResponse<String> created = h.admin(h.post("/admin/v1/virtual-keys", "{\"slug\":\"" + vk[0]
          + "\",\"provider\":\"together-ai\",\"api_key\":\"tg-" + vk[0] + "\",\"base_url\":\"" + vk[1]
          + "\",\"models\":[\"meta-llama/Llama-3.3-70B\"]}"));
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }
    HttpResponse<String> r = h.chat("{\"model\":\"together-ai/meta-llama/Llama-3.3-70B\",\"messages\":[]}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("x-portcullis-last-used-option-index")).hasValue("keys.targets[1]");
    assertThat(broken.recordedRequests()).hasSize(1);
    assertThat(healthy.recordedRequests().getFirst().header("authorization")).isEqualTo("Bearer tg-together-b");
    assertThat(JSON.readTree(healthy.recordedRequests().getFirst().bodyAsString()).path("model").asText())
        .isEqualTo("meta-llama/Llama-3.3-70B");
  }

  @Test
  void whenEveryTargetFailsTheErrorNamesEachAttemptInOrder() throws Exception {
    String config = "{\"strategy\":{\"mode\":\"fallback\"},\"targets\":[" + target(broken, "") + ","
        + "{\"provider\":\"openai\",\"api_key\":\"sk-t\",\"custom_host\":\"http://127.0.0.1:1/v1\"}]}";
    HttpResponse<String> r = chat(config, BODY);
    assertThat(r.statusCode()).isEqualTo(502);
    assertThat(JSON.readTree(r.body()).path("error").path("message").asText())
        .endsWith("(attempts: config.targets[0] openai: HTTP 503; config.targets[1] openai: upstream_unreachable)");
  }

  @Test
  void requestForwardHeadersAddToThoseOfAConfigTarget() throws Exception {
    String config = target(healthy, ",\"forward_headers\":[\"x-from-config\"]");
    HttpResponse<String> r = chat(config, BODY, "x-from-config", "c", "x-from-request", "r",
        "x-portkey-forward-headers", "x-from-request");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(healthy.recordedRequests().getFirst().header("x-from-config")).isEqualTo("c");
    assertThat(healthy.recordedRequests().getFirst().header("x-from-request")).isEqualTo("r");
  }

  @Test
  void callerChosenTimeoutsCannotOpenATargetsBreaker() throws Exception {
    String config = target(healthy, ",\"request_timeout\":50,\"forward_headers\":[\"x-mock-latency-ms\"]")
        .replace("sk-t", "sk-timeouts");
    for (int i = 0; i < 12; i++) {
      assertThat(chat(config, BODY, "x-mock-latency-ms", "2000").statusCode()).isEqualTo(408);
    }
    JsonNode health = JSON.readTree(h.admin(h.get("/admin/v1/targets/health")).body()).path("data");
    for (JsonNode breaker : health) {
      if (breaker.path("target").asText().contains(healthy.baseUrl())) {
        assertThat(breaker.path("state").asText()).as(breaker.toString()).isNotEqualTo("open");
      }
    }
    assertThat(chat(config, BODY).statusCode()).isEqualTo(200);
  }

  @Test
  void providerSlashModelWithOneVirtualKeyAndNoServerKeyGoesStraightToIt() throws Exception {
    HttpResponse<String> created = h.admin(h.post("/admin/v1/virtual-keys", "{\"slug\":\"mistral-only\","
        + "\"provider\":\"mistral-ai\",\"api_key\":\"ms-only\",\"base_url\":\"" + healthy.baseUrl() + "\"}"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    HttpResponse<String> r = h.chat("{\"model\":\"mistral-ai/mistral-small\",\"messages\":[]}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(healthy.recordedRequests().getFirst().header("authorization")).isEqualTo("Bearer ms-only");
  }
}
