package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.mock.MockUpstream;
import dev.portcullis.mock.MockUpstreamOptions;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The attacks of issue 14, each answered with the status and error it should get, against a running gateway. */
class HardeningIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CHAT = "{\"model\":\"openai/gpt-4o\",\"messages\":[]}";
  private static final String METRICS_TOKEN = "metrics-token-0123456789";
  private static final Map<String, String> AUTH = Map.of("authorization", "Bearer " + GatewayHarness.ADMIN_KEY,
      "content-type", "application/json");
  @TempDir static Path dir;
  private static GatewayHarness h;
  private static MockUpstream refusing;
  private static MockUpstream broken;

  @BeforeAll
  static void start() {
    h = new GatewayHarness(dir, Map.of("PORTCULLIS_MAX_BODY_BYTES", "12288",
        "PORTCULLIS_MAX_BODY_BYTES_IN_FLIGHT", "20480", "PORTCULLIS_METRICS_TOKEN", METRICS_TOKEN,
        "PORTCULLIS_LOCAL_PROVIDERS", "vllm", "PORTCULLIS_TRUSTED_HOSTS", "127.0.0.1"));
    refusing = MockUpstream.start(h.vertx,
        new MockUpstreamOptions("127.0.0.1", 0, 0, 5, 0, 400, 0.0, 0.0, 0.0, 1, true)).await();
    broken = MockUpstream.start(h.vertx,
        new MockUpstreamOptions("127.0.0.1", 0, 0, 5, 0, 503, 0.0, 0.0, 0.0, 1, true)).await();
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  @BeforeEach
  void clear() {
    h.mock.clearRecorded();
    refusing.clearRecorded();
    broken.clearRecorded();
  }

  private static JsonNode error(int status, String body, int expected) throws IOException {
    assertThat(status).as(body).isEqualTo(expected);
    return JSON.readTree(body).path("error");
  }

  private static JsonNode error(HttpResponse<String> r, int expected) throws IOException {
    assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
    return error(r.statusCode(), r.body(), expected);
  }

  private static JsonNode error(RawHttp.Answer a, int expected) throws IOException {
    assertThat(a.header("content-type")).isEqualTo("application/json");
    return error(a.status(), a.body(), expected);
  }

  private static RawHttp.Answer raw(String method, String target, Map<String, String> headers, String body)
      throws IOException {
    try (RawHttp c = new RawHttp(h.gateway.port())) {
      return c.exchange(method, target, headers, body.getBytes(StandardCharsets.UTF_8));
    }
  }

  // --- the /v1/* path

  @ParameterizedTest
  @ValueSource(strings = {"/v1/../admin/v1/keys", "/v1/%2e%2e/admin/v1/keys", "/v1/.%2E/admin",
      "/v1/models/./x", "/v1/%2E/models"})
  void dotSegmentsInThePassthroughPathAre400AndNeverReachTheProvider(String path) throws Exception {
    JsonNode e = error(raw("GET", path, AUTH, ""), 400);
    assertThat(e.path("message").asText()).startsWith("path: '" + path + "' holds the dot segment")
        .endsWith("(expected: a path without '.' or '..' segments)");
    assertThat(h.mock.recordedRequests()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/v1/..%2fadmin", "/v1/models%2F..%2Fadmin", "/v1/models%5c..%5cadmin"})
  void encodedSlashesInThePassthroughPathAre400(String path) throws Exception {
    assertThat(error(raw("GET", path, AUTH, ""), 400).path("message").asText())
        .contains("holds an encoded").doesNotStartWith("internal");
    assertThat(h.mock.recordedRequests()).isEmpty();
  }

  @Test
  void charactersAUriMayNotHoldAre400NamingTheCharacterInsteadOf500() throws Exception {
    for (String c : new String[] {"|", "\\", "{", "^", "\"", "<"}) {
      assertThat(error(raw("GET", "/v1/models" + c + "x", AUTH, ""), 400).path("message").asText())
          .isEqualTo("path: '/v1/models" + c + "x' holds the character '" + c + "' at position 10 (expected: "
              + "letters, digits, - . _ ~ ! $ & ' ( ) * + , ; = : @ / and %XX escapes)");
    }
    assertThat(error(raw("GET", "/v1/models%zz", AUTH, ""), 400).path("message").asText())
        .isEqualTo("path: '/v1/models%zz' has a broken escape '%zz' at position 10 (expected: % followed by two "
            + "hex digits)");
    assertThat(error(raw("GET", "/v1/models?q=a|b", AUTH, ""), 400).path("message").asText())
        .startsWith("query: 'q=a|b' holds the character '|'");
  }

  @Test
  void plainPassthroughPathsAreUnchanged() throws Exception {
    assertThat(raw("GET", "/v1/models", AUTH, "").status()).isEqualTo(200);
    assertThat(h.mock.recordedRequests().getFirst().path()).isEqualTo("/v1/models");
  }

  // --- bodies

  @Test
  void declaredLengthOfTwoToThe63MinusOneIs413BeforeAnyByteIsRead() throws Exception {
    try (RawHttp c = new RawHttp(h.gateway.port())) {
      c.send("POST /v1/chat/completions HTTP/1.1\r\nhost: gw\r\nauthorization: Bearer " + GatewayHarness.ADMIN_KEY
          + "\r\ncontent-type: application/json\r\ncontent-length: " + Long.MAX_VALUE + "\r\n\r\n");
      assertThat(error(c.read(), 413).path("message").asText())
          .isEqualTo("request body exceeds the limit of 12288 bytes (PORTCULLIS_MAX_BODY_BYTES)");
    }
  }

  @Test
  void headerOnlyRequestsDeclaringTheLimitPinNoMemoryAndOthersAreAnswered() throws Exception {
    RawHttp[] waiting = new RawHttp[11];
    try {
      for (int i = 0; i < waiting.length; i++) {
        waiting[i] = new RawHttp(h.gateway.port());
        waiting[i].send("POST /v1/chat/completions HTTP/1.1\r\nhost: gw\r\nauthorization: Bearer "
            + GatewayHarness.ADMIN_KEY + "\r\ncontent-type: application/json\r\ncontent-length: 12288\r\n\r\n");
      }
      for (int i = 0; i < 5; i++) {
        assertThat(h.chat(CHAT).statusCode()).isEqualTo(200);
      }
    } finally {
      for (RawHttp w : waiting) {
        if (w != null) {
          w.close();
        }
      }
    }
  }

  @Test
  void bodiesPastTheInFlightBoundAre503WhileOthersKeepWorking() throws Exception {
    String padded = "{\"model\":\"openai/gpt-4o\",\"messages\":[],\"x_pad\":\"" + "a".repeat(11_900) + "\"}";
    byte[] full = RawHttp.request("POST", "/v1/chat/completions", AUTH, padded.getBytes(StandardCharsets.UTF_8));
    try (RawHttp holder = new RawHttp(h.gateway.port())) {
      holder.send(java.util.Arrays.copyOf(full, full.length - 100));
      Thread.sleep(200);
      try (RawHttp second = new RawHttp(h.gateway.port())) {
        second.send(full);
        RawHttp.Answer refused = second.read();
        JsonNode e = error(refused, 503);
        assertThat(refused.header("retry-after")).isEqualTo("1");
        assertThat(e.path("message").asText()).isEqualTo("request bodies held by the gateway are at their limit "
            + "of 20480 bytes (PORTCULLIS_MAX_BODY_BYTES_IN_FLIGHT); retry shortly");
      }
      assertThat(h.chat(CHAT).statusCode()).isEqualTo(200);
      holder.send(java.util.Arrays.copyOfRange(full, full.length - 100, full.length));
      assertThat(holder.read().status()).isEqualTo(200);
    }
    assertThat(raw("POST", "/v1/chat/completions", AUTH, padded).status()).isEqualTo(200);
  }

  @Test
  void anyDeclaredLengthWithALimitOfFourGibibytesIs413OrWaitsNever500(@TempDir Path other) throws Exception {
    try (GatewayHarness big = new GatewayHarness(other, Map.of("PORTCULLIS_MAX_BODY_BYTES", "4294967296",
        "PORTCULLIS_MAX_BODY_BYTES_IN_FLIGHT", "8589934592"))) {
      for (long declared : new long[] {Long.MAX_VALUE, 4294967297L, 3221225472L}) {
        try (RawHttp c = new RawHttp(big.gateway.port())) {
          c.send("POST /v1/chat/completions HTTP/1.1\r\nhost: gw\r\nauthorization: Bearer "
              + GatewayHarness.ADMIN_KEY + "\r\ncontent-length: " + declared + "\r\n\r\n");
          assertThat(error(c.read(), 413).path("message").asText()).startsWith("request body exceeds the limit of");
        }
      }
      try (RawHttp c = new RawHttp(big.gateway.port())) {
        c.socket.setSoTimeout(500);
        c.send("POST /v1/chat/completions HTTP/1.1\r\nhost: gw\r\nauthorization: Bearer "
            + GatewayHarness.ADMIN_KEY + "\r\ncontent-length: 2147483000\r\n\r\n{\"model\"");
        try {
          c.read();
          throw new AssertionError("a declared 2 GB body within the limit must wait for its bytes");
        } catch (SocketTimeoutException waiting) {
          assertThat(big.chat(CHAT).statusCode()).isEqualTo(200);
        }
      }
    }
  }

  // --- headers and request line

  @Test
  void headersTooLargeAre431WithTheJsonError() throws Exception {
    Map<String, String> headers = new HashMap<>(AUTH);
    headers.put("x-padding", "a".repeat(40_000));
    JsonNode e = error(raw("POST", "/v1/chat/completions", headers, CHAT), 431);
    assertThat(e.path("message").asText())
        .isEqualTo("request headers are larger than 32768 bytes (expected: fewer or shorter headers)");
  }

  @Test
  void requestLineTooLongIs414WithTheJsonError() throws Exception {
    JsonNode e = error(raw("GET", "/v1/models?q=" + "a".repeat(10_000), AUTH, ""), 414);
    assertThat(e.path("message").asText())
        .isEqualTo("request line is longer than 8192 bytes (expected: a shorter path and query)");
  }

  @Test
  void gatewayKeyInAuthorizationWithAProviderHeaderSaysItWasReadAsTheProviderKey() throws Exception {
    JsonNode e = error(h.send(h.post("/v1/chat/completions", CHAT).header("x-portkey-provider", "openai")
        .header("authorization", "Bearer " + GatewayHarness.ADMIN_KEY)), 401);
    assertThat(e.path("message").asText()).isEqualTo("missing gateway API key: the key in 'Authorization' was "
        + "read as the provider's key, because 'x-portkey-provider' is set (expected: the gateway key in "
        + "'x-portkey-api-key' and the provider's key in 'Authorization: Bearer <provider key>')");
  }

  // --- parse errors

  @Test
  void parseErrorsSayWhatWasExpectedWhereWithoutJacksonInternals() throws Exception {
    assertThat(error(h.chat("{\"model\": \"openai/gpt-4o\", \"messages\": [}"), 400).path("message").asText())
        .isEqualTo("request body is not valid JSON: unexpected '}' at line 1, column 41 (expected: ']')");
    assertThat(error(h.admin(h.post("/admin/v1/configs", "{\"name\": x}")), 400).path("message").asText())
        .isEqualTo("request body is not valid JSON: a word that is not JSON at line 1, column 10 (expected: a "
            + "value: a string in double quotes, a number, an object, an array, true, false or null)");
    assertThat(error(h.chat(CHAT, "x-portkey-config", "{\"retry\": {\"attempts\": 2,}}"), 400)
        .path("message").asText()).isEqualTo("config: not valid JSON: unexpected character '}' at line 1, "
            + "column 26 (expected: a field name in double quotes, or '}')");
  }

  @Test
  void aSecondModelFieldIs400SoGatewayAndProviderCannotReadDifferentOnes() throws Exception {
    assertThat(error(h.chat("{\"model\":\"openai/gpt-4o\",\"messages\":[],\"model\":\"gpt-4o-mini\"}"), 400)
        .path("message").asText()).isEqualTo("model: given twice, again at line 1, column 48 (expected: one "
            + "'model' field)");
  }

  // --- local providers and caller-chosen hosts

  @Test
  void localProviderNotListedIsRefusedAndNothingConnectsEvenWithLoopbackTrusted() throws Exception {
    JsonNode e = error(h.send(h.post("/v1/chat/completions", "{\"model\":\"llama3\",\"messages\":[]}")
        .header("x-portkey-api-key", GatewayHarness.ADMIN_KEY).header("x-portkey-provider", "ollama")
        .header("x-portkey-custom-host", h.mock.baseUrl())), 400);
    assertThat(e.path("message").asText())
        .isEqualTo("local provider 'ollama' is not enabled on this gateway; set PORTCULLIS_LOCAL_PROVIDERS");
    String config = "{\"provider\":\"lm-studio\",\"custom_host\":\"" + h.mock.baseUrl() + "\"}";
    assertThat(error(h.chat(CHAT, "x-portkey-config", config), 400).path("message").asText())
        .isEqualTo("local provider 'lm-studio' is not enabled on this gateway; set PORTCULLIS_LOCAL_PROVIDERS");
    assertThat(h.mock.recordedRequests()).isEmpty();
  }

  @Test
  void listedLocalProviderAnswersThroughATrustedHost() {
    HttpResponse<String> r = h.send(h.post("/v1/chat/completions", "{\"model\":\"llama3\",\"messages\":[]}")
        .header("x-portkey-api-key", GatewayHarness.ADMIN_KEY).header("x-portkey-provider", "vllm")
        .header("x-portkey-custom-host", h.mock.baseUrl()));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  @Test
  void customHostInADocumentationRangeIs400AtCallTimeNamingTheReason() throws Exception {
    JsonNode e = error(h.chat(CHAT, "x-portkey-config",
        "{\"provider\":\"openai\",\"api_key\":\"sk-x\",\"custom_host\":\"http://203.0.113.5/v1\"}"), 400);
    assertThat(e.path("message").asText()).isEqualTo("config.custom_host: 'http://203.0.113.5/v1' resolves to "
        + "203.0.113.5 in 203.0.113.0/24, documentation, TEST-NET-3 (RFC 5737) (expected: a public host, or one "
        + "listed in PORTCULLIS_TRUSTED_HOSTS)");
  }

  @Test
  void virtualKeyBaseUrlInASpecialRangeIs400AtCreationAndNothingIsStored() throws Exception {
    JsonNode e = error(h.admin(h.post("/admin/v1/virtual-keys", "{\"slug\":\"nat64\",\"provider\":\"openai\","
        + "\"api_key\":\"sk-x\",\"base_url\":\"http://[64:ff9b::a9fe:a9fe]/v1\"}")), 400);
    assertThat(e.path("message").asText()).isEqualTo("base_url: 'http://[64:ff9b::a9fe:a9fe]/v1' resolves to "
        + "64:ff9b:0:0:0:0:a9fe:a9fe in 64:ff9b::/96, IPv4/IPv6 translation, NAT64 (RFC 6052) (expected: a public "
        + "host, or one listed in PORTCULLIS_TRUSTED_HOSTS)");
    assertThat(h.admin(h.get("/admin/v1/virtual-keys")).body()).doesNotContain("nat64");
  }

  // --- failover

  private static String target(MockUpstream mock) {
    return "{\"provider\":\"openai\",\"api_key\":\"sk-t\",\"custom_host\":\"" + mock.baseUrl() + "\"}";
  }

  @Test
  void fallbackWithoutStatusCodesDoesNotReplayABadRequestToEveryTarget() throws Exception {
    String config = "{\"strategy\":{\"mode\":\"fallback\"},\"targets\":[" + target(refusing) + ","
        + target(h.mock) + "]}";
    JsonNode e = error(h.chat(CHAT, "x-portkey-config", config), 400);
    assertThat(e.path("message").asText()).isEqualTo("Invalid request (mock upstream answered 400).");
    assertThat(h.mock.recordedRequests()).isEmpty();
  }

  @Test
  void fallbackEndsWithTheLastTargetsRealError() throws Exception {
    String config = "{\"strategy\":{\"mode\":\"fallback\"},\"targets\":[" + target(broken) + ","
        + target(refusing) + "]}";
    HttpResponse<String> r = h.chat(CHAT, "x-portkey-config", config);
    assertThat(error(r, 400).path("message").asText()).isEqualTo("Invalid request (mock upstream answered 400)."
        + " (attempts: config.targets[0] openai: HTTP 503; config.targets[1] openai: HTTP 400)");
    assertThat(r.headers().firstValue("x-portkey-last-used-option-index")).hasValue("config.targets[1]");
    assertThat(broken.recordedRequests()).hasSize(1);
  }

  // --- /metrics, admin

  @Test
  void metricsWithATokenSetAre401WithoutItAnd200WithIt() throws Exception {
    assertThat(error(h.send(h.get("/metrics")), 401).path("message").asText())
        .isEqualTo("/metrics needs 'Authorization: Bearer <token>' with the token set in PORTCULLIS_METRICS_TOKEN");
    assertThat(h.send(h.get("/metrics").header("authorization", "Bearer wrong-token-0123456789")).statusCode())
        .isEqualTo(401);
    HttpResponse<String> ok = h.send(h.get("/metrics").header("authorization", "Bearer " + METRICS_TOKEN));
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).contains("portcullis_connections_open").contains("portcullis_connections_refused_total");
  }

  @Test
  void adminBodyTooLargeNamesTheAdminLimitNotTheInferenceVariable() throws Exception {
    String big = "{\"name\":\"" + "a".repeat(1_100_000) + "\"}";
    assertThat(error(h.admin(h.post("/admin/v1/configs", big)), 413).path("message").asText())
        .isEqualTo("request body exceeds the limit of 1048576 bytes (the admin API's fixed limit)");
  }

  @Test
  void savedConfigHonoursTheWorkspaceIdInTheBodyWithinTheCallersReach() throws Exception {
    String child = JSON.readTree(h.admin(h.post("/admin/v1/workspaces", "{\"name\":\"configs-child\"}")).body())
        .path("id").asText();
    HttpResponse<String> created = h.admin(h.post("/admin/v1/configs",
        "{\"name\":\"c\",\"workspace_id\":\"" + child + "\",\"config\":{\"provider\":\"openai\"}}"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(JSON.readTree(created.body()).path("workspace_id").asText()).isEqualTo(child);
    JsonNode missing = error(h.admin(h.post("/admin/v1/configs",
        "{\"name\":\"c\",\"workspace_id\":\"ws-nowhere\",\"config\":{\"provider\":\"openai\"}}")), 404);
    assertThat(missing.path("message").asText()).isEqualTo("workspace 'ws-nowhere' does not exist");
  }
}
