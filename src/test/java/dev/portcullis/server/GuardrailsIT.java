package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Guardrails in the request path: 446 before the provider, redaction, 246, answers and streams. */
class GuardrailsIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  static final String SECRET = "AKIAIOSFODNN7EXAMPLE";
  static final String EMAIL = "ada.lovelace@example.com";
  /** What the scripted provider answers: a secret and an e-mail address. */
  static final String ANSWER = "Your key is " + SECRET + " and write to " + EMAIL + " today.";

  @TempDir static Path dir;
  static GatewayHarness h;
  static HttpServer provider;

  @BeforeAll
  static void start() {
    h = new GatewayHarness(dir);
    provider = scriptedProvider(h);
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  /**
   * An OpenAI-format provider whose answer is {@link #ANSWER}; a stream sends it in chunks of 5 characters, so the
   * secret and the address are split across chunks.
   */
  static HttpServer scriptedProvider(GatewayHarness h) {
    return h.vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
      boolean stream = body.toString().contains("\"stream\":true") || body.toString().contains("\"stream\": true");
      if (!stream) {
        req.response().putHeader("content-type", "application/json").end("{\"id\":\"chatcmpl-1\",\"object\":"
            + "\"chat.completion\",\"created\":1,\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"message\":{\"role\":"
            + "\"assistant\",\"content\":" + quoted(ANSWER) + "},\"finish_reason\":\"stop\"}],\"usage\":"
            + "{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}");
        return;
      }
      StringBuilder sse = new StringBuilder();
      for (int i = 0; i < ANSWER.length(); i += 5) {
        sse.append("data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":"
            + "\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{\"content\":"
            + quoted(ANSWER.substring(i, Math.min(ANSWER.length(), i + 5))) + "},\"finish_reason\":null}]}\n\n");
      }
      sse.append("data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":"
          + "\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n");
      req.response().putHeader("content-type", "text/event-stream").end(sse.toString());
    })).listen(0).await();
  }

  static String quoted(String text) {
    try {
      return JSON.writeValueAsString(text);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A config sending the call to {@code to} (a scripted provider) with {@code hooks}. */
  static String scripted(HttpServer to, String hooks) {
    return "{\"provider\": \"openai\", \"custom_host\": \"http://127.0.0.1:" + to.actualPort() + "/v1\", "
        + hooks + "}";
  }

  private static String mocked(String hooks) {
    return "{\"provider\": \"openai\", " + hooks + "}";
  }

  private static HttpResponse<String> chat(String config, String content, boolean stream) {
    return h.chat("{\"model\":\"gpt-4o\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":"
        + quoted(content) + "}]}", "x-portkey-config", config);
  }

  @Test
  void aDenyGuardrailOnTheRequestAnswers446AndTheProviderIsNeverCalled() throws Exception {
    int before = h.mock.recordedRequests().size();
    HttpResponse<String> r = chat(mocked("\"before_request_hooks\": [{\"type\": \"guardrail\", \"id\": \"no-ssn\","
        + " \"deny\": true, \"checks\": [{\"id\": \"portcullis.pii\", \"parameters\": {\"types\": [\"ssn\"]}}]}]"),
        "my SSN is 123-45-6789", false);
    assertThat(r.statusCode()).isEqualTo(446);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.path("error").path("type").asText()).isEqualTo("hooks_failed");
    JsonNode guardrail = body.path("hook_results").path("before_request_hooks").get(0);
    assertThat(guardrail.path("id").asText()).isEqualTo("no-ssn");
    assertThat(guardrail.path("verdict").asBoolean()).isFalse();
    assertThat(guardrail.path("checks").get(0).path("data").path("explanation").asText()).isEqualTo("found 1 SSN");
    assertThat(r.body()).doesNotContain("123-45-6789");
    assertThat(h.mock.recordedRequests()).hasSize(before);
  }

  @Test
  void aRedactedRequestReachesTheProviderRedactedAndAnswers200Transformed() throws Exception {
    HttpResponse<String> r = chat(mocked("\"input_guardrails\": [{\"portcullis.pii\": {\"redact\": true},"
        + " \"portcullis.secrets\": {\"redact\": true}}]"), "mail " + EMAIL + " or " + EMAIL + ", key " + SECRET,
        false);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(r.body()).path("hook_results").path("before_request_hooks").get(0)
        .path("transformed").asBoolean()).isTrue();
    String sent = new String(h.mock.recordedRequests().getLast().body(), StandardCharsets.UTF_8);
    assertThat(sent).contains("mail [EMAIL_1] or [EMAIL_1], key [AWS_ACCESS_KEY_1]").doesNotContain(EMAIL, SECRET);
  }

  @Test
  void aFailedGuardrailWithoutDenyAnswers246WithHookResults() throws Exception {
    HttpResponse<String> r = chat(mocked("\"input_guardrails\": [{\"default.wordCount\": {\"maxWords\": 2}}]"),
        "one two three four", false);
    assertThat(r.statusCode()).isEqualTo(246);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.path("choices").get(0).path("message").path("content").asText()).isNotEmpty();
    assertThat(body.path("hook_results").path("before_request_hooks").get(0).path("verdict").asBoolean()).isFalse();
  }

  @Test
  void aCallWithoutGuardrailsCarriesNoHookResults() {
    HttpResponse<String> r = chat(mocked("\"retry\": {\"attempts\": 0}"), "hello", false);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).doesNotContain("hook_results");
  }

  @Test
  void anAnswerIsRedactedBeforeTheClientGetsIt() throws Exception {
    HttpResponse<String> r = chat(scripted(provider, "\"output_guardrails\": [{\"portcullis.secrets\": {\"redact\": true},"
        + " \"portcullis.pii\": {\"redact\": true}}]"), "hi", false);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(r.body()).path("choices").get(0).path("message").path("content").asText())
        .isEqualTo("Your key is [AWS_ACCESS_KEY_1] and write to [EMAIL_1] today.");
  }

  @Test
  void aStreamIsRedactedAcrossChunksAndEndsWithHookResultsBeforeDone() {
    HttpResponse<String> r = chat(scripted(provider, "\"output_guardrails\": [{\"portcullis.secrets\": {\"redact\": true},"
        + " \"portcullis.pii\": {\"redact\": true}}, {\"default.wordCount\": {\"maxWords\": 3}}]"), "hi", true);
    assertThat(r.statusCode()).isEqualTo(200);
    String content = StreamText.content(r.body());
    assertThat(content).isEqualTo("Your key is [AWS_ACCESS_KEY_1] and write to [EMAIL_1] today.");
    assertThat(r.body()).doesNotContain(SECRET, EMAIL);
    int hooks = r.body().indexOf("data: {\"hook_results\"");
    assertThat(hooks).isPositive().isLessThan(r.body().indexOf("data: [DONE]"));
  }

  @Test
  void aDenyFoundMidStreamEndsItWithAnErrorChunkThenDoneAndIsLoggedAs446() throws Exception {
    HttpResponse<String> r = chat(scripted(provider, "\"output_guardrails\": [{\"id\": \"no-keys\", \"deny\": true,"
        + " \"checks\": [{\"id\": \"portcullis.secrets\"}]}]"), "hi", true);
    assertThat(r.body()).doesNotContain(SECRET);
    assertThat(r.body()).contains("\"hooks_failed\"", "\"hook_results\"");
    assertThat(r.body().strip()).endsWith("data: [DONE]");
    await().atMost(Duration.ofSeconds(10)).until(() -> h.admin(h.get("/admin/v1/logs?limit=20")).body()
        .contains("\"status\":446,\"stream\":true"));
    assertThat(h.admin(h.get("/admin/v1/logs?limit=20")).body()).contains("\"guardrail_verdict\":\"denied\"");
  }

  @Test
  void aDenyMidStreamEndsAnAnthropicStreamWithAnErrorEvent() {
    HttpResponse<String> r = h.send(h.post("/v1/messages", "{\"model\":\"gpt-4o\",\"max_tokens\":100,"
        + "\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
        .header("x-api-key", GatewayHarness.ADMIN_KEY)
        .header("x-portkey-config", scripted(provider, "\"output_guardrails\": [{\"deny\": true,"
            + " \"portcullis.secrets\": {}}]")));
    assertThat(r.body()).contains("event: error", "stopped by a guardrail").doesNotContain(SECRET);
  }

  @Test
  void unknownChecksAndParametersAre400sNamingThem() {
    HttpResponse<String> r = chat(mocked("\"input_guardrails\": [{\"default.contans\": {\"words\": [\"x\"]}}]"),
        "hi", false);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("input_guardrails[0].default.contans.id: unknown check 'default.contans'");
  }

  /** SSRF through a guardrail: a webhook may not point where a custom host may not (the cloud metadata address). */
  @Test
  void webhookGuardrailAtTheCloudMetadataAddressIs400AndTheProviderIsNeverCalled() {
    int before = h.mock.recordedRequests().size();
    HttpResponse<String> r = chat(mocked("\"before_request_hooks\": [{\"type\": \"guardrail\", \"id\": \"hook\","
        + " \"checks\": [{\"id\": \"default.webhook\", \"parameters\": {\"webhookURL\":"
        + " \"http://169.254.169.254/latest/meta-data/\"}}]}]"), "hi", false);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("webhookURL").contains("169.254.169.254");
    assertThat(h.mock.recordedRequests()).hasSize(before);
  }

  @Test
  void savedGuardrailsAreUsedByIdAndVersioned() throws Exception {
    JsonNode saved = JSON.readTree(h.admin(h.post("/admin/v1/guardrails", "{\"name\": \"no-keys\", \"checks\":"
        + " [{\"id\": \"portcullis.secrets\"}], \"deny\": true}")).body());
    String id = saved.path("id").asText();
    assertThat(saved.path("version").asInt()).isEqualTo(1);
    assertThat(chat(mocked("\"input_guardrails\": [\"" + id + "\"]"), "key " + SECRET, false).statusCode())
        .isEqualTo(446);
    HttpResponse<String> updated = h.admin(h.request("PUT", "/admin/v1/guardrails/" + id, "{\"checks\":"
        + " [{\"id\": \"portcullis.secrets\"}], \"deny\": false}"));
    assertThat(JSON.readTree(updated.body()).path("version").asInt()).isEqualTo(2);
    await().atMost(Duration.ofSeconds(5)).until(() ->
        chat(mocked("\"input_guardrails\": [\"" + id + "\"]"), "key " + SECRET, false).statusCode() == 246);
    HttpResponse<String> bad = h.admin(h.post("/admin/v1/guardrails", "{\"checks\": [{\"id\": \"nope\"}]}"));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(chat(mocked("\"input_guardrails\": [\"pg-missing\"]"), "hi", false).body())
        .contains("guardrail 'pg-missing' does not exist");
  }

  /** The text of an OpenAI-format stream's content deltas. */
  static final class StreamText {
    static String content(String sse) {
      StringBuilder out = new StringBuilder();
      for (String line : sse.split("\n")) {
        if (line.startsWith("data: {")) {
          try {
            JsonNode chunk = JSON.readTree(line.substring(6));
            JsonNode c = chunk.path("choices").path(0).path("delta").path("content");
            if (c.isTextual()) {
              out.append(c.asText());
            }
          } catch (Exception e) {
            throw new IllegalStateException(line, e);
          }
        }
      }
      return out.toString();
    }

    private StreamText() {}
  }
}
