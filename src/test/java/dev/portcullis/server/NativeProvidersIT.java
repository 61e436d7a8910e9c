package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.mock.MockUpstream;
import dev.portcullis.mock.RecordedRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenAI-format clients calling native providers end to end: the gateway translates the request, the in-process mock
 * answers in the provider's documented format, and the client gets OpenAI's format back, streams included.
 */
class NativeProvidersIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOOLS = """
      "tools":[{"type":"function","function":{"name":"get_weather","description":"Weather in a city",
        "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}]""";

  @TempDir Path dir;

  /**
   * One native provider as the scenarios below need it: its server settings pointing at the harness's mock, a
   * model to address, and the path its chat calls must reach on the mock.
   */
  record Native(String id, Function<MockUpstream, Map<String, String>> env, String model, String chatPath,
      String streamPath) {
    @Override
    public String toString() {
      return id;
    }
  }

  static List<Native> natives() {
    return List.of(
        new Native("anthropic", mock -> Map.of(
            "PORTCULLIS_PROVIDER_ANTHROPIC_API_KEY", "sk-ant-server-held",
            "PORTCULLIS_PROVIDER_ANTHROPIC_BASE_URL", mock.baseUrl()),
            "anthropic/claude-sonnet-4-5", "/v1/messages", "/v1/messages"),
        new Native("bedrock", mock -> Map.of(
            "PORTCULLIS_PROVIDER_BEDROCK_AWS_ACCESS_KEY_ID", "AKIDEXAMPLE",
            "PORTCULLIS_PROVIDER_BEDROCK_AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            "PORTCULLIS_PROVIDER_BEDROCK_AWS_REGION", "us-east-1",
            "PORTCULLIS_PROVIDER_BEDROCK_BASE_URL", root(mock)),
            "bedrock/anthropic.claude-3-5-haiku-20241022-v1:0",
            "/model/anthropic.claude-3-5-haiku-20241022-v1%3A0/converse",
            "/model/anthropic.claude-3-5-haiku-20241022-v1%3A0/converse-stream"),
        new Native("google", mock -> Map.of(
            "PORTCULLIS_PROVIDER_GOOGLE_API_KEY", "gemini-server-held",
            "PORTCULLIS_PROVIDER_GOOGLE_BASE_URL", root(mock) + "/v1beta"),
            "google/gemini-2.5-flash", "/v1beta/models/gemini-2.5-flash:generateContent",
            "/v1beta/models/gemini-2.5-flash:streamGenerateContent"),
        new Native("vertex-ai", mock -> Map.of(
            "PORTCULLIS_PROVIDER_VERTEX_AI_API_KEY", "ya29.ready-made-token",
            "PORTCULLIS_PROVIDER_VERTEX_AI_VERTEX_PROJECT_ID", "acme-prod",
            "PORTCULLIS_PROVIDER_VERTEX_AI_VERTEX_REGION", "us-central1",
            "PORTCULLIS_PROVIDER_VERTEX_AI_BASE_URL", mock.baseUrl()),
            "vertex-ai/gemini-2.5-pro",
            "/v1/projects/acme-prod/locations/us-central1/publishers/google/models/gemini-2.5-pro:generateContent",
            "/v1/projects/acme-prod/locations/us-central1/publishers/google/models/gemini-2.5-pro"
                + ":streamGenerateContent"),
        new Native("cohere", mock -> Map.of(
            "PORTCULLIS_PROVIDER_COHERE_API_KEY", "co-server-held",
            "PORTCULLIS_PROVIDER_COHERE_BASE_URL", root(mock) + "/v2"),
            "cohere/command-a-03-2025", "/v2/chat", "/v2/chat"),
        new Native("azure-openai", mock -> Map.of(
            "PORTCULLIS_PROVIDER_AZURE_OPENAI_API_KEY", "az-server-held",
            "PORTCULLIS_PROVIDER_AZURE_OPENAI_DEPLOYMENT_ID", "gpt-4o-prod",
            "PORTCULLIS_PROVIDER_AZURE_OPENAI_API_VERSION", "2024-10-21",
            "PORTCULLIS_PROVIDER_AZURE_OPENAI_BASE_URL", root(mock) + "/openai"),
            "azure-openai/gpt-4o", "/openai/deployments/gpt-4o-prod/chat/completions",
            "/openai/deployments/gpt-4o-prod/chat/completions"));
  }

  /** The mock's address without the {@code /v1} of OpenAI's paths. */
  static String root(MockUpstream mock) {
    return mock.baseUrl().substring(0, mock.baseUrl().length() - "/v1".length());
  }

  @ParameterizedTest
  @MethodSource("natives")
  void openAiClientGetsACompletionFromEveryNativeProvider(Native provider) throws Exception {
    try (GatewayHarness h = new GatewayHarness(dir, provider.env())) {
      HttpResponse<String> r = h.chat("""
          {"model":"%s","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Hello"}],
           "max_tokens":100}""".formatted(provider.model()));

      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(r.headers().firstValue("x-portcullis-provider")).hasValue(provider.id());
      JsonNode answer = JSON.readTree(r.body());
      assertThat(answer.path("object").asText()).isEqualTo("chat.completion");
      assertThat(answer.path("choices").get(0).path("message").path("content").asText()).isNotBlank();
      assertThat(answer.path("choices").get(0).path("finish_reason").asText()).isEqualTo("stop");
      assertThat(answer.path("usage").path("prompt_tokens").asInt()).isPositive();
      assertThat(h.mock.recordedRequests().getLast().path()).isEqualTo(provider.chatPath());
    }
  }

  @ParameterizedTest
  @MethodSource("natives")
  void streamedToolCallFromEveryNativeProviderArrivesWhole(Native provider) throws Exception {
    try (GatewayHarness h = new GatewayHarness(dir, provider.env())) {
      HttpResponse<String> r = h.chat("""
          {"model":"%s","stream":true,"stream_options":{"include_usage":true},
           "messages":[{"role":"user","content":"Weather in Paris?"}],%s}""".formatted(provider.model(), TOOLS));

      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(h.mock.recordedRequests().getLast().path()).isEqualTo(provider.streamPath());
      assertToolCallStream(r);
    }
  }

  @ParameterizedTest
  @MethodSource("natives")
  void rateLimitFromEveryNativeProviderKeepsItsStatus(Native provider) throws Exception {
    try (GatewayHarness h = new GatewayHarness(dir, provider.env())) {
      HttpResponse<String> r = h.chat("""
          {"model":"%s","messages":[{"role":"user","content":"Hi"}]}""".formatted(provider.model()),
          "x-mock-status", "429", "x-portcullis-forward-headers", "x-mock-status");

      assertThat(r.statusCode()).as(r.body()).isEqualTo(429);
      assertThat(JSON.readTree(r.body()).path("error").path("message").asText()).isNotBlank();
    }
  }

  private GatewayHarness anthropic() {
    return new GatewayHarness(dir, mock -> Map.of(
        "PORTCULLIS_PROVIDER_ANTHROPIC_API_KEY", "sk-ant-server-held",
        "PORTCULLIS_PROVIDER_ANTHROPIC_BASE_URL", mock.baseUrl()));
  }

  @Test
  void openAiChatReachesAnthropicAsMessagesAndComesBackAsACompletion() throws Exception {
    try (GatewayHarness h = anthropic()) {
      HttpResponse<String> r = h.chat("""
          {"model":"anthropic/claude-sonnet-4-5","messages":[{"role":"system","content":"Be brief."},
           {"role":"user","content":"Hello"}],"max_tokens":100}""");

      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(r.headers().firstValue("x-portcullis-provider")).hasValue("anthropic");
      JsonNode answer = JSON.readTree(r.body());
      assertThat(answer.path("object").asText()).isEqualTo("chat.completion");
      assertThat(answer.path("choices").get(0).path("message").path("content").asText()).isNotBlank();
      assertThat(answer.path("choices").get(0).path("finish_reason").asText()).isEqualTo("stop");
      assertThat(answer.path("usage").path("prompt_tokens").asInt()).isPositive();

      RecordedRequest sent = h.mock.recordedRequests().getLast();
      assertThat(sent.path()).isEqualTo("/v1/messages");
      assertThat(sent.header("x-api-key")).isEqualTo("sk-ant-server-held");
      assertThat(sent.header("anthropic-version")).isEqualTo("2023-06-01");
      assertThat(sent.header("authorization")).isNull();
      JsonNode body = JSON.readTree(sent.bodyAsString());
      assertThat(body.path("model").asText()).isEqualTo("claude-sonnet-4-5");
      assertThat(body.path("system").asText()).isEqualTo("Be brief.");
      assertThat(body.path("max_tokens").asInt()).isEqualTo(100);
    }
  }

  @Test
  void streamedToolCallArrivesAsOpenAiChunksWithTheUsageChunkLast() throws Exception {
    try (GatewayHarness h = anthropic()) {
      HttpResponse<String> r = h.chat("""
          {"model":"anthropic/claude-sonnet-4-5","stream":true,"stream_options":{"include_usage":true},
           "messages":[{"role":"user","content":"Weather in Paris?"}],%s}""".formatted(TOOLS));

      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertToolCallStream(r);
    }
  }

  @Test
  void streamWithoutIncludeUsageSendsNoUsageChunkButTheCallIsStillRecordedWithTokens() throws Exception {
    try (GatewayHarness h = anthropic()) {
      HttpResponse<String> r = h.chat("""
          {"model":"anthropic/claude-sonnet-4-5","stream":true,"messages":[{"role":"user","content":"Hi"}]}""");

      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(dataEvents(r.body())).allSatisfy(chunk -> assertThat(chunk.path("choices")).isNotEmpty());
      await().atMost(Duration.ofSeconds(10)).until(() -> h.gateway.logWriter().written() >= 1);
      JsonNode row = JSON.readTree(h.admin(h.get("/admin/v1/logs?provider=anthropic")).body()).path("data").get(0);
      assertThat(row.path("stream").asBoolean()).isTrue();
      assertThat(row.path("prompt_tokens").asInt()).isPositive();
      assertThat(row.path("completion_tokens").asInt()).isPositive();
    }
  }

  @Test
  void providerErrorKeepsItsStatusAndComesBackInOpenAiShape() throws Exception {
    try (GatewayHarness h = anthropic()) {
      HttpResponse<String> r = h.chat("""
          {"model":"anthropic/claude-sonnet-4-5","messages":[{"role":"user","content":"Hi"}]}""",
          "x-mock-status", "529", "x-portcullis-forward-headers", "x-mock-status");

      assertThat(r.statusCode()).isEqualTo(529);
      JsonNode error = JSON.readTree(r.body()).path("error");
      assertThat(error.path("type").asText()).isEqualTo("overloaded_error");
      assertThat(error.path("message").asText()).isNotBlank();
    }
  }

  @Test
  void unsupportedParametersAreDroppedAndNamedOrRefusedInStrictMode() throws Exception {
    String body = """
        {"model":"anthropic/claude-sonnet-4-5","messages":[{"role":"user","content":"Hi"}],
         "logit_bias":{"50256":-100},"seed":7}""";
    try (GatewayHarness h = anthropic()) {
      HttpResponse<String> dropped = h.chat(body);
      assertThat(dropped.statusCode()).as(dropped.body()).isEqualTo(200);
      assertThat(dropped.headers().firstValue("x-portcullis-dropped-params")).hasValue("seed, logit_bias");
      assertThat(JSON.readTree(h.mock.recordedRequests().getLast().bodyAsString()).has("seed")).isFalse();

      int before = h.mock.recordedRequests().size();
      HttpResponse<String> strict = h.chat(body, "x-portkey-strict-open-ai-compliance", "true");
      assertThat(strict.statusCode()).isEqualTo(400);
      assertThat(JSON.readTree(strict.body()).path("error").path("message").asText())
          .startsWith("provider 'anthropic' does not support: seed, logit_bias");
      assertThat(h.mock.recordedRequests()).hasSize(before);
    }
  }

  @Test
  void virtualKeyOfANativeProviderIsCalledWithItsOwnCredential() throws Exception {
    try (GatewayHarness h = anthropic()) {
      HttpResponse<String> created = h.admin(h.post("/admin/v1/virtual-keys", """
          {"name":"claude","slug":"claude","provider":"anthropic","api_key":"sk-ant-from-vk","base_url":"%s"}""".formatted(h.mock.baseUrl())));
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

      HttpResponse<String> r = h.chat("""
          {"model":"@claude/claude-haiku-4-5","messages":[{"role":"user","content":"Hi"}]}""");

      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(h.mock.recordedRequests().getLast().header("x-api-key")).isEqualTo("sk-ant-from-vk");
    }
  }

  @ParameterizedTest
  @MethodSource("embeddingModels")
  void openAiEmbeddingsComeBackFromProvidersWithTheirOwnFormat(String provider, String model) throws Exception {
    Native target = natives().stream().filter(n -> n.id().equals(provider)).findFirst().orElseThrow();
    try (GatewayHarness h = new GatewayHarness(dir, target.env())) {
      HttpResponse<String> r = h.send(h.post("/v1/embeddings", """
          {"model":"%s","input":"The quick brown fox"}""".formatted(model))
          .header("authorization", "Bearer " + GatewayHarness.ADMIN_KEY));

      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      JsonNode answer = JSON.readTree(r.body());
      assertThat(answer.path("object").asText()).isEqualTo("list");
      assertThat(answer.path("data").get(0).path("object").asText()).isEqualTo("embedding");
      assertThat(answer.path("data").get(0).path("embedding").size()).isPositive();
    }
  }

  static List<Arguments> embeddingModels() {
    return List.of(
        Arguments.of("google", "google/gemini-embedding-001"),
        Arguments.of("vertex-ai", "vertex-ai/text-embedding-005"),
        Arguments.of("bedrock", "bedrock/amazon.titan-embed-text-v2:0"),
        Arguments.of("cohere", "cohere/embed-v4.0"));
  }

  @Test
  void rerankGoesToCohereAndComesBackOrderedByRelevance() throws Exception {
    Native cohere = natives().stream().filter(n -> n.id().equals("cohere")).findFirst().orElseThrow();
    try (GatewayHarness h = new GatewayHarness(dir, cohere.env())) {
      HttpResponse<String> r = h.send(h.post("/v1/rerank", """
          {"model":"cohere/rerank-v3.5","query":"capital of France",
           "documents":["Berlin is in Germany.","Paris is the capital of France."],"top_n":1}""")
          .header("authorization", "Bearer " + GatewayHarness.ADMIN_KEY));

      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      JsonNode results = JSON.readTree(r.body()).path("results");
      assertThat(results).hasSize(1);
      assertThat(results.get(0).path("index").asInt()).isEqualTo(1);
      assertThat(h.mock.recordedRequests().getLast().path()).isEqualTo("/v2/rerank");
    }
  }

  @Test
  void anthropicClientPassingThroughToAnthropicIsRecordedWithItsTokens() throws Exception {
    try (GatewayHarness h = anthropic()) {
      HttpResponse<String> r = h.send(h.post("/v1/messages", """
          {"model":"anthropic/claude-sonnet-4-5","max_tokens":100,"stream":true,
           "messages":[{"role":"user","content":"Hello"}]}""")
          .header("x-api-key", GatewayHarness.ADMIN_KEY).header("anthropic-version", "2023-06-01"));

      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(r.body()).contains("event: message_stop");
      await().atMost(Duration.ofSeconds(10)).until(() -> h.gateway.logWriter().written() >= 1);
      JsonNode row = JSON.readTree(h.admin(h.get("/admin/v1/logs?provider=anthropic")).body()).path("data").get(0);
      assertThat(row.path("prompt_tokens").asInt()).isPositive();
      assertThat(row.path("completion_tokens").asInt()).isPositive();
      assertThat(row.path("total_tokens").asInt())
          .isEqualTo(row.path("prompt_tokens").asInt() + row.path("completion_tokens").asInt());
    }
  }

  @Test
  void fallbackFromAnUnreachableOpenAiTargetIsServedByAnthropicThroughTranslation() throws Exception {
    try (GatewayHarness h = new GatewayHarness(dir)) {
      String config = """
          {"strategy":{"mode":"fallback"},"targets":[
            {"provider":"openai","api_key":"sk-openai","custom_host":"http://127.0.0.1:1/v1"},
            {"provider":"anthropic","api_key":"sk-ant-config","custom_host":"%s",
             "override_params":{"model":"claude-haiku-4-5"}}]}""".formatted(h.mock.baseUrl());
      HttpResponse<String> r = h.chat("""
          {"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hi"}]}""",
          "x-portcullis-config", config.replace("\n", ""));

      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(r.headers().firstValue("x-portcullis-last-used-option-index")).hasValue("config.targets[1]");
      assertThat(r.headers().firstValue("x-portcullis-provider")).hasValue("anthropic");
      assertThat(JSON.readTree(r.body()).path("object").asText()).isEqualTo("chat.completion");
      RecordedRequest sent = h.mock.recordedRequests().getLast();
      assertThat(sent.path()).isEqualTo("/v1/messages");
      assertThat(sent.header("x-api-key")).isEqualTo("sk-ant-config");
      assertThat(JSON.readTree(sent.bodyAsString()).path("model").asText()).isEqualTo("claude-haiku-4-5");
    }
  }

  @Test
  void countTokensForAModelOutsideAnthropicIsEstimatedWithoutCallingItsProvider() throws Exception {
    try (GatewayHarness h = new GatewayHarness(dir)) {
      HttpResponse<String> r = h.send(h.post("/v1/messages/count_tokens", """
          {"model":"openai/gpt-4o-mini","system":"You are terse.",
           "messages":[{"role":"user","content":"How many tokens is this sentence, roughly?"}]}""")
          .header("x-api-key", GatewayHarness.ADMIN_KEY).header("anthropic-version", "2023-06-01"));

      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(JSON.readTree(r.body()).path("input_tokens").asInt()).isBetween(10, 40);
      assertThat(h.mock.recordedRequests()).isEmpty();
    }
  }

  /** An OpenAI stream that calls get_weather with whole JSON arguments, then ends with the usage chunk. */
  private static void assertToolCallStream(HttpResponse<String> r) throws Exception {
    assertThat(r.headers().firstValue("content-type")).hasValue("text/event-stream");
    List<JsonNode> chunks = dataEvents(r.body());
    assertThat(r.body()).endsWith("data: [DONE]\n\n");
    StringBuilder arguments = new StringBuilder();
    String finish = null;
    for (JsonNode chunk : chunks) {
      for (JsonNode choice : chunk.path("choices")) {
        for (JsonNode call : choice.path("delta").path("tool_calls")) {
          if (call.path("function").has("name")) {
            assertThat(call.path("function").path("name").asText()).isEqualTo("get_weather");
          }
          arguments.append(call.path("function").path("arguments").asText(""));
        }
        if (choice.hasNonNull("finish_reason")) {
          finish = choice.get("finish_reason").asText();
        }
      }
    }
    assertThat(JSON.readTree(arguments.toString()).isObject()).as(arguments.toString()).isTrue();
    assertThat(finish).isEqualTo("tool_calls");
    JsonNode last = chunks.getLast();
    assertThat(last.path("choices")).isEmpty();
    assertThat(last.path("usage").path("completion_tokens").asInt()).isPositive();
  }

  static List<JsonNode> dataEvents(String sse) throws Exception {
    List<JsonNode> events = new ArrayList<>();
    for (String event : sse.split("\n\n")) {
      if (event.startsWith("data: ") && !event.equals("data: [DONE]")) {
        events.add(JSON.readTree(event.substring("data: ".length())));
      }
    }
    return events;
  }
}
