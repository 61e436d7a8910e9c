package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each bad input gets its exact status and a message naming the bad value and the expectation. */
class BadInputIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String OK_BODY = "{\"model\":\"openai/gpt-4o\",\"messages\":[]}";
  @TempDir static Path dir;
  private static GatewayHarness h;

  @BeforeAll
  static void start() {
    h = new GatewayHarness(dir, Map.of("PORTCULLIS_MAX_BODY_BYTES", "4096", "PORTCULLIS_TRUSTED_HOSTS", "127.0.0.1"));
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  private static void assertError(HttpResponse<String> r, int status, String type, String message) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
    JsonNode error = JSON.readTree(r.body()).path("error");
    assertThat(error.path("type").asText()).isEqualTo(type);
    assertThat(error.path("message").asText()).isEqualTo(message);
  }

  @Test
  void malformedJsonIs400WithPosition() throws Exception {
    HttpResponse<String> r = h.chat("{\"model\": \"openai/gpt-4o\", \"messages\": [}");
    assertError(r, 400, "invalid_request_error",
        "request body is not valid JSON: unexpected '}' at line 1, column 41 (expected: ']')");
  }

  @Test
  void missingModelIs400() throws Exception {
    assertError(h.chat("{\"messages\":[]}"), 400, "invalid_request_error",
        "model: missing (expected: a model id such as 'openai/gpt-4o-mini')");
  }

  @Test
  void jsonSentAsFormDataIs415NamingTheTypeAndTheFix() throws Exception {
    HttpResponse<String> r = h.send(h.post("/v1/chat/completions", "{\"model\":\"gpt-4o\",\"messages\":[]}",
        "application/x-www-form-urlencoded").header("authorization", "Bearer " + GatewayHarness.ADMIN_KEY));
    assertError(r, 415, "invalid_request_error", "content-type: 'application/x-www-form-urlencoded' (expected: "
        + "application/json for POST /v1/chat/completions; with curl, add -H 'Content-Type: application/json')");
  }

  @Test
  void emptyBodyIs400() throws Exception {
    assertError(h.chat(""), 400, "invalid_request_error", "request body is empty (expected: a JSON object)");
  }

  @Test
  void modelWithUnconfiguredProviderIs400NamingTheVariable() throws Exception {
    assertError(h.chat("{\"model\":\"groq/llama-3.1-8b\",\"messages\":[]}"), 400, "invalid_request_error",
        "model: 'groq/llama-3.1-8b' names provider 'groq', which has no server-held credentials and no virtual key "
            + "of the workspace serves it (expected: set PORTCULLIS_PROVIDER_GROQ_API_KEY, create a virtual key of "
            + "'groq', or address one as '@slug/model')");
  }

  @Test
  void unknownVirtualKeyIs404() throws Exception {
    assertError(h.chat("{\"model\":\"@nope/gpt-4o\",\"messages\":[]}"), 404, "not_found_error",
        "virtual key 'nope' does not exist in this workspace (expected: a slug created with 'portcullis "
            + "virtual-keys create' or POST /admin/v1/virtual-keys)");
  }

  @Test
  void virtualKeyAddressWithoutModelIs400() throws Exception {
    assertError(h.chat("{\"model\":\"@prod\",\"messages\":[]}"), 400, "invalid_request_error",
        "model: '@prod' (expected: '@<virtual-key>/<model>')");
  }

  @Test
  void unknownProviderHeaderIs400ListingProviders() throws Exception {
    HttpResponse<String> r = h.send(h.post("/v1/chat/completions", OK_BODY)
        .header("x-portkey-provider", "openia").header("authorization", "Bearer sk-x")
        .header("x-portkey-api-key", GatewayHarness.ADMIN_KEY));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(r.body()).path("error").path("message").asText())
        .startsWith("x-portkey-provider: 'openia' (expected one of: openai, groq, mistral-ai,");
    assertThat(JSON.readTree(r.body()).path("error").path("param").asText()).isEqualTo("x-portkey-provider");
  }

  @Test
  void invalidMetadataHeaderIs400() throws Exception {
    assertError(h.chat(OK_BODY, "x-portkey-metadata", "not json"), 400, "invalid_request_error",
        "x-portkey-metadata: not valid JSON: 'not json' (expected: a JSON object of string values, e.g. "
            + "{\"_user\":\"alice\"})");
  }

  @Test
  void oversizeBodyIs413NamingTheLimit() throws Exception {
    String big = "{\"model\":\"openai/gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(5000) + "\"}]}";
    assertError(h.chat(big), 413, "invalid_request_error",
        "request body exceeds the limit of 4096 bytes (PORTCULLIS_MAX_BODY_BYTES)");
  }

  @Test
  void missingGatewayKeyIs401() throws Exception {
    assertError(h.send(h.post("/v1/chat/completions", OK_BODY)), 401, "authentication_error",
        "missing gateway API key (expected: 'Authorization: Bearer <key>' or an 'x-portcullis-api-key' header)");
  }

  @Test
  void wrongGatewayKeyIs401() throws Exception {
    assertError(h.send(h.post("/v1/chat/completions", OK_BODY).header("authorization", "Bearer pcl-wrong")),
        401, "authentication_error",
        "gateway API key not recognised (expected: a key created with 'portcullis keys create' or "
            + "POST /admin/v1/api-keys)");
  }

  @Test
  void passthroughWithoutProviderKeyIs400() throws Exception {
    HttpResponse<String> r = h.send(h.post("/v1/chat/completions", OK_BODY)
        .header("x-portkey-provider", "groq").header("x-portkey-api-key", GatewayHarness.ADMIN_KEY));
    assertError(r, 400, "invalid_request_error", "missing provider key for 'groq' (expected: 'Authorization: "
        + "Bearer <provider key>' with the x-portkey-provider header; the gateway key then goes in 'x-portkey-api-key')");
  }

  @Test
  void customHostOnPrivateAddressIsRefusedUnlessTrusted() throws Exception {
    HttpResponse<String> r = h.send(h.post("/v1/chat/completions", OK_BODY)
        .header("x-portkey-provider", "openai").header("authorization", "Bearer sk-x")
        .header("x-portkey-custom-host", "http://10.20.30.40:8000/v1")
        .header("x-portkey-api-key", GatewayHarness.ADMIN_KEY));
    assertError(r, 400, "invalid_request_error", "x-portkey-custom-host: 'http://10.20.30.40:8000/v1' resolves to "
        + "10.20.30.40 in 10.0.0.0/8, private use (RFC 1918) (expected: a public host, or one listed in "
        + "PORTCULLIS_TRUSTED_HOSTS)");
  }

  @Test
  void customHostThatIsNotAUrlIs400() throws Exception {
    HttpResponse<String> r = h.send(h.post("/v1/chat/completions", OK_BODY)
        .header("x-portkey-provider", "openai").header("authorization", "Bearer sk-x")
        .header("x-portkey-custom-host", "mock:9000")
        .header("x-portkey-api-key", GatewayHarness.ADMIN_KEY));
    assertError(r, 400, "invalid_request_error", "x-portkey-custom-host: 'mock:9000' (expected: an http or https "
        + "base URL such as http://host:8000/v1)");
  }

  @Test
  void upstreamErrorKeepsProviderStatusTypeAndMessage() throws Exception {
    HttpResponse<String> r = h.chat(OK_BODY, "x-portkey-forward-headers", "x-mock-status,x-mock-error-message",
        "x-mock-status", "429", "x-mock-error-message", "Rate limit reached for gpt-4o");
    assertError(r, 429, "requests", "Rate limit reached for gpt-4o");
  }

  @Test
  void unreachableProviderIs502NamingHostAndPort() throws Exception {
    HttpResponse<String> r = h.send(h.post("/v1/chat/completions", OK_BODY)
        .header("x-portkey-provider", "openai").header("authorization", "Bearer sk-x")
        .header("x-portkey-custom-host", "http://127.0.0.1:9/v1")
        .header("x-portkey-api-key", GatewayHarness.ADMIN_KEY));
    assertThat(r.statusCode()).isEqualTo(502);
    assertThat(JSON.readTree(r.body()).path("error").path("message").asText())
        .startsWith("provider 'openai' at 127.0.0.1:9 could not be reached: ");
  }

  @Test
  void slowProviderIs408NamingTheLimit() throws Exception {
    HttpResponse<String> r = h.chat(OK_BODY, "x-portkey-request-timeout", "200",
        "x-portkey-forward-headers", "x-mock-latency-ms", "x-mock-latency-ms", "3000");
    assertError(r, 408, "timeout_error", "request timed out after 200 ms (limit set by x-portkey-request-timeout); "
        + "the provider call was cancelled");
  }

  @Test
  void unknownRouteIs404() throws Exception {
    assertError(h.send(h.get("/v2/chat")), 404, "not_found_error",
        "no route for GET /v2/chat (expected: /v1/..., /admin/v1/..., /dashboard, /health or /ready)");
  }

  @Test
  void adminRouteWithMemberKeyIs403() throws Exception {
    HttpResponse<String> created = h.admin(h.post("/admin/v1/api-keys", "{\"name\":\"app\",\"role\":\"member\"}"));
    String memberKey = JSON.readTree(created.body()).path("key").asText();
    HttpRequest.Builder b = h.get("/admin/v1/logs").header("authorization", "Bearer " + memberKey);
    assertError(h.send(b), 403, "permission_error",
        "gateway API key 'app' has role member, which may not read admin resources (expected: admin or viewer)");
  }

  @Test
  void adminCreateWithUnknownProviderIs400() throws Exception {
    HttpResponse<String> r = h.admin(h.post("/admin/v1/virtual-keys", "{\"provider\":\"acme\",\"api_key\":\"k\"}"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(r.body()).path("error").path("message").asText())
        .startsWith("provider: 'acme' (expected one of: openai, groq,");
  }

  @Test
  void adminCreateWithWrongTypeIs400() throws Exception {
    assertError(h.admin(h.post("/admin/v1/api-keys", "{\"name\": 5}")), 400, "invalid_request_error",
        "name: 5 (expected: a string)");
  }

  @Test
  void keyWithAnInvalidDefaultConfigIsRefusedAtCreation() throws Exception {
    assertError(h.admin(h.post("/admin/v1/api-keys", "{\"name\":\"k\",\"default_config\":{\"retry\":"
        + "{\"attempts\":12}}}")), 400, "invalid_request_error", "retry.attempts: 12 (expected: 0..10)");
  }
}
