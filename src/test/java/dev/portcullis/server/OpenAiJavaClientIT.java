package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.CompletionUsage;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.Embedding;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.models.Model;
import dev.portcullis.mock.RecordedRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official OpenAI Java SDK, pointed at the gateway with only a base URL and a gateway key, works unchanged:
 * answers, streams, tool calls, embeddings, models, and errors arrive as the SDK's own types.
 */
class OpenAiJavaClientIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** What the mock upstream generates with its default five chunks. */
  private static final String MOCK_TEXT = "This is a mock response";

  @TempDir static Path dir;
  private static GatewayHarness h;
  private static OpenAIClient client;

  @BeforeAll
  static void start() {
    h = new GatewayHarness(dir);
    client = client(GatewayHarness.ADMIN_KEY);
  }

  @AfterAll
  static void stop() {
    client.close();
    h.close();
  }

  @BeforeEach
  void clear() {
    h.mock.clearRecorded();
  }

  /** No retries: every call is exactly one request, and an error surfaces at once. */
  private static OpenAIClient client(String gatewayKey) {
    return OpenAIOkHttpClient.builder().baseUrl(h.url("/v1")).apiKey(gatewayKey).maxRetries(0).build();
  }

  private static ChatCompletionCreateParams.Builder chat(String model) {
    return ChatCompletionCreateParams.builder().model(model).addUserMessage("What is the weather in Paris?");
  }

  private static ChatCompletionFunctionTool weatherTool() {
    return ChatCompletionFunctionTool.builder().function(FunctionDefinition.builder()
        .name("get_weather")
        .description("Current weather for a city")
        .parameters(FunctionParameters.builder()
            .putAdditionalProperty("type", JsonValue.from("object"))
            .putAdditionalProperty("properties", JsonValue.from(Map.of("location", Map.of("type", "string"))))
            .putAdditionalProperty("required", JsonValue.from(List.of("location")))
            .build())
        .build()).build();
  }

  private static List<ChatCompletionChunk> collect(ChatCompletionCreateParams params) {
    try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
      return stream.stream().toList();
    }
  }

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  @Test
  void chatCompletionCarriesTheProvidersMessageAndUsage() {
    ChatCompletion completion = client.chat().completions().create(chat("openai/gpt-4o-mini").build());

    assertThat(completion.model()).isEqualTo("gpt-4o-mini");
    assertThat(completion.choices()).singleElement().satisfies(choice -> {
      assertThat(choice.message().content()).hasValue(MOCK_TEXT);
      assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
    });
    CompletionUsage usage = completion.usage().orElseThrow();
    assertThat(usage.completionTokens()).isEqualTo(5);
    assertThat(usage.promptTokens()).isPositive();
    assertThat(usage.totalTokens()).isEqualTo(usage.promptTokens() + usage.completionTokens());
  }

  @Test
  void streamingChatDeliversEveryDeltaThenFinishReasonThenUsage() {
    List<ChatCompletionChunk> chunks = collect(chat("openai/gpt-4o-mini")
        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build());

    String text = chunks.stream().flatMap(c -> c.choices().stream())
        .map(choice -> choice.delta().content().orElse("")).reduce("", String::concat);
    assertThat(text).isEqualTo(MOCK_TEXT);
    List<ChatCompletionChunk.Choice> finished = chunks.stream().flatMap(c -> c.choices().stream())
        .filter(choice -> choice.finishReason().isPresent()).toList();
    assertThat(finished).singleElement().satisfies(choice ->
        assertThat(choice.finishReason()).hasValue(ChatCompletionChunk.Choice.FinishReason.STOP));
    ChatCompletionChunk last = chunks.getLast();
    assertThat(last.choices()).isEmpty();
    assertThat(last.usage()).hasValueSatisfying(usage -> {
      assertThat(usage.completionTokens()).isEqualTo(5);
      assertThat(usage.totalTokens()).isEqualTo(usage.promptTokens() + 5);
    });
  }

  @Test
  void toolCallPassesThroughWithNameAndParseableArguments() throws Exception {
    ChatCompletion completion = client.chat().completions()
        .create(chat("openai/gpt-4o").addTool(weatherTool()).build());

    ChatCompletion.Choice choice = completion.choices().getFirst();
    assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
    ChatCompletionMessageFunctionToolCall call =
        choice.message().toolCalls().orElseThrow().getFirst().asFunction();
    assertThat(call.function().name()).isEqualTo("get_weather");
    assertThat(json(call.function().arguments()).path("location").asText()).isEqualTo("Paris");
    JsonNode sentTool = json(h.mock.recordedRequests().getLast().bodyAsString()).path("tools").path(0);
    assertThat(sentTool.path("function").path("name").asText()).isEqualTo("get_weather");
  }

  @Test
  void streamedToolCallArgumentsReassembleIntoParseableJson() throws Exception {
    List<ChatCompletionChunk> chunks = collect(chat("openai/gpt-4o").addTool(weatherTool()).build());

    long argumentPieces = chunks.stream().flatMap(c -> c.choices().stream())
        .flatMap(choice -> choice.delta().toolCalls().orElse(List.of()).stream())
        .filter(call -> call.function().flatMap(ChatCompletionChunk.Choice.Delta.ToolCall.Function::arguments)
            .filter(args -> !args.isEmpty()).isPresent())
        .count();
    assertThat(argumentPieces).as("arguments split over several chunks").isGreaterThan(1);
    ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
    chunks.forEach(accumulator::accumulate);
    ChatCompletion.Choice choice = accumulator.chatCompletion().choices().getFirst();
    assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
    ChatCompletionMessageFunctionToolCall call =
        choice.message().toolCalls().orElseThrow().getFirst().asFunction();
    assertThat(call.function().name()).isEqualTo("get_weather");
    assertThat(json(call.function().arguments()).path("location").asText()).isEqualTo("Paris");
  }

  @Test
  void embeddingsAnswerOneVectorPerInputInOrder() {
    List<String> inputs = List.of("first", "second", "third");
    CreateEmbeddingResponse response = client.embeddings().create(EmbeddingCreateParams.builder()
        .model("openai/text-embedding-3-small").inputOfArrayOfStrings(inputs).build());

    assertThat(response.data()).hasSize(inputs.size());
    assertThat(response.data()).extracting(Embedding::index).containsExactly(0L, 1L, 2L);
    assertThat(response.data()).allSatisfy(e -> assertThat(e.embedding()).isNotEmpty());
    assertThat(response.data().get(0).embedding()).isNotEqualTo(response.data().get(1).embedding());
  }

  @Test
  void modelsListComesFromTheOnlyConfiguredProvider() {
    List<Model> models = client.models().list().data();

    assertThat(models).extracting(Model::id).contains("gpt-4o", "gpt-4o-mini");
    assertThat(h.mock.recordedRequests()).singleElement().satisfies(up -> {
      assertThat(up.method()).isEqualTo("GET");
      assertThat(up.path()).isEqualTo("/v1/models");
    });
  }

  @Test
  void wrongGatewayKeySurfacesAsUnauthorizedWithTheGatewaysMessage() {
    OpenAIClient stranger = client("pcl-not-a-key-of-this-gateway");
    try {
      assertThatThrownBy(() -> stranger.chat().completions().create(chat("openai/gpt-4o").build()))
          .isInstanceOfSatisfying(UnauthorizedException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(401);
            assertThat(e.type()).hasValue("authentication_error");
            assertThat(e.getMessage()).startsWith("401: gateway API key not recognised");
          });
    } finally {
      stranger.close();
    }
    assertThat(h.mock.recordedRequests()).isEmpty();
  }

  @Test
  void providerWithoutCredentialsSurfacesAsBadRequestWithTheGatewaysMessage() {
    assertThatThrownBy(() -> client.chat().completions().create(chat("groq/x").build()))
        .isInstanceOfSatisfying(BadRequestException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(400);
          assertThat(e.type()).hasValue("invalid_request_error");
          assertThat(e.param()).hasValue("model");
          assertThat(e.getMessage())
              .startsWith("400: model: 'groq/x' names provider 'groq', which has no server-held credentials");
        });
    assertThat(h.mock.recordedRequests()).isEmpty();
  }

  @Test
  void providerRateLimitPassesThroughAsRateLimitException() {
    ChatCompletionCreateParams params = chat("openai/gpt-4o")
        .putAdditionalHeader("x-portkey-forward-headers", "x-mock-status,x-mock-error-message")
        .putAdditionalHeader("x-mock-status", "429")
        .putAdditionalHeader("x-mock-error-message", "Rate limit reached for gpt-4o on requests per min")
        .build();

    assertThatThrownBy(() -> client.chat().completions().create(params))
        .isInstanceOfSatisfying(RateLimitException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(429);
          assertThat(e.code()).hasValue("rate_limit_exceeded");
          assertThat(e.getMessage()).isEqualTo("429: Rate limit reached for gpt-4o on requests per min");
        });
    assertThat(h.mock.recordedRequests()).singleElement()
        .extracting(RecordedRequest::path).isEqualTo("/v1/chat/completions");
  }
}
