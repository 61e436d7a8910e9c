package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The prompt library through a real gateway and mock upstream: admin API, render, streaming prompt completions, the
 * pipeline's guardrails on the rendered request, the log row and analytics by prompt version.
 */
class PromptsIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SUPPORT = """
      {"slug": "support", "name": "Support reply",
       "template": {"messages": [{"role": "system", "content": "You answer for {{company}}."},
                                 {"role": "user", "content": "{{question}}"}]},
       "model": "openai/gpt-4o-mini", "parameters": {"max_tokens": 40, "temperature": 0.1},
       "variables_schema": {"type": "object", "properties": {"company": {"type": "string", "default": "Acme"}}}}""";

  @TempDir static Path dir;
  private static GatewayHarness h;
  private static String supportId;

  @BeforeAll
  static void start() {
    h = new GatewayHarness(dir);
    HttpResponse<String> created = h.admin(h.post("/admin/v1/prompts", SUPPORT));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    supportId = json(created.body()).path("id").asText();
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  @Test
  void renderAnswersTheRenderedRequestInPortkeysShapeWithoutCallingAModel() {
    int before = h.mock.recordedRequests().size();

    HttpResponse<String> r = call("/v1/prompts/support/render", """
        {"promptID": "support", "variables": {"question": "Where is my <order>?"}, "temperature": 0.7}""");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(json(r.body())).isEqualTo(json("""
        {"success": true, "data": {"model": "openai/gpt-4o-mini",
         "messages": [{"role": "system", "content": "You answer for Acme."},
                      {"role": "user", "content": "Where is my <order>?"}],
         "max_tokens": 40, "temperature": 0.7}}"""));
    assertThat(h.mock.recordedRequests()).hasSize(before);
  }

  @Test
  void aStreamingPromptCompletionReachesTheProviderAsTheRenderedChatAndStreamsBack() {
    HttpResponse<String> r = call("/v1/prompts/" + supportId + "/completions", """
        {"variables": {"company": "Globex", "question": "Hello?"}, "stream": true}""");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v)
        .startsWith("text/event-stream"));
    assertThat(streamedText(r.body())).isEqualTo("This is a mock response");
    assertThat(r.body()).contains("data: [DONE]");
    JsonNode sent = json(h.mock.recordedRequests().getLast().bodyAsString());
    assertThat(sent.path("model").asText()).isEqualTo("gpt-4o-mini");
    assertThat(sent.path("messages").get(0).path("content").asText()).isEqualTo("You answer for Globex.");
    assertThat(sent.path("messages").get(1).path("content").asText()).isEqualTo("Hello?");
    assertThat(sent.path("max_tokens").asInt()).isEqualTo(40);
    assertThat(sent.path("stream").asBoolean()).isTrue();
  }

  @Test
  void aMissingVariableIs400NamingItAndAnUnknownPromptIs404NamingIt() {
    HttpResponse<String> missing = call("/v1/prompts/support/completions", "{\"variables\": {}}");
    HttpResponse<String> unknown = call("/v1/prompts/nowhere@production/completions", "{}");

    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(json(missing.body()).path("error").path("message").asText()).startsWith("variables.question: missing");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(json(unknown.body()).path("error").path("message").asText()).startsWith("prompt 'nowhere' does not exist");
  }

  @Test
  void theRenderedRequestPassesTheGuardrailsOfTheCallsConfig() {
    int before = h.mock.recordedRequests().size();

    HttpResponse<String> r = h.send(h.post("/v1/prompts/support/completions", """
        {"variables": {"question": "my SSN is 123-45-6789"}}""")
        .header("authorization", "Bearer " + GatewayHarness.ADMIN_KEY)
        .header("x-portkey-config", "{\"before_request_hooks\": [{\"type\": \"guardrail\", \"id\": \"no-ssn\","
            + " \"deny\": true, \"checks\": [{\"id\": \"portcullis.pii\", \"parameters\": {\"types\": [\"ssn\"]}}]}]}"));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(446);
    assertThat(h.mock.recordedRequests()).hasSize(before);
  }

  @Test
  void anABSplitIsLoggedByVersionAndComparedByAnalytics() {
    HttpResponse<String> created = h.admin(h.post("/admin/v1/prompts", """
        {"slug": "ab", "template": {"text": "Summarise: {{text}}"}, "model": "openai/gpt-3.5-turbo-instruct"}"""));
    String id = json(created.body()).path("id").asText();
    HttpResponse<String> patched = h.admin(h.request("PATCH", "/admin/v1/prompts/ab", """
        {"template": {"text": "Summarise briefly: {{text}}"}}"""));
    assertThat(json(patched.body()).path("version").asInt()).isEqualTo(2);
    HttpResponse<String> label = h.admin(h.request("PUT", "/admin/v1/prompts/" + id + "/labels/production", """
        {"versions": [{"version": 1, "weight": 50}, {"version": 2, "weight": 50}]}"""));
    assertThat(label.statusCode()).as(label.body()).isEqualTo(200);
    long written = h.gateway.logWriter().written();

    for (int i = 0; i < 40; i++) {
      assertThat(call("/v1/prompts/ab/completions", "{\"variables\": {\"text\": \"x\"}}").statusCode())
          .isEqualTo(200);
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> h.gateway.logWriter().written() >= written + 40);

    JsonNode rows = json(h.admin(h.get("/admin/v1/logs?limit=40")).body()).path("data");
    Map<Integer, Integer> byVersion = new HashMap<>();
    rows.forEach(row -> {
      assertThat(row.path("prompt_id").asText()).isEqualTo(id);
      assertThat(row.path("prompt_label").asText()).isEqualTo("production");
      byVersion.merge(row.path("prompt_version").asInt(), 1, Integer::sum);
    });
    assertThat(byVersion.keySet()).containsExactlyInAnyOrder(1, 2);
    JsonNode groups = json(h.admin(h.get("/admin/v1/analytics/groups?group_by=prompt_version")).body())
        .path("data");
    Map<String, Long> requests = new HashMap<>();
    groups.forEach(g -> requests.put(g.path("value").asText(), g.path("requests").asLong()));
    assertThat(requests.get(id + "@1") + requests.get(id + "@2")).isEqualTo(40);
  }

  @Test
  void aViewerKeyReadsPromptsButCannotChangeThem() {
    HttpResponse<String> key = h.admin(h.post("/admin/v1/api-keys", "{\"name\": \"viewer\", \"role\": \"viewer\"}"));
    String viewer = json(key.body()).path("key").asText();

    HttpResponse<String> read = h.send(h.get("/admin/v1/prompts").header("authorization", "Bearer " + viewer));
    HttpResponse<String> write = h.send(h.request("PATCH", "/admin/v1/prompts/support", "{\"name\": \"x\"}")
        .header("authorization", "Bearer " + viewer));

    assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
    assertThat(write.statusCode()).as(write.body()).isEqualTo(403);
  }

  private static HttpResponse<String> call(String path, String body) {
    return h.send(h.post(path, body).header("authorization", "Bearer " + GatewayHarness.ADMIN_KEY));
  }

  private static String streamedText(String sse) {
    StringBuilder text = new StringBuilder();
    sse.lines().filter(l -> l.startsWith("data: {")).forEach(l -> json(l.substring(6)).path("choices")
        .forEach(c -> text.append(c.path("delta").path("content").asText(""))));
    return text.toString();
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
