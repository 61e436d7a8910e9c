package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.RateLimitException;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.ErrorType;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolUseBlock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official Anthropic Java SDK, pointed at the gateway with only a base URL and a gateway key, calls an
 * OpenAI-format provider (the mock upstream) through {@code /v1/messages}: messages, streams with tool use, and
 * errors arrive as the SDK's own types. An Anthropic target gets the client's body as it is.
 */
class AnthropicJavaClientIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** What the mock upstream generates with its default five chunks. */
  private static final String MOCK_TEXT = "This is a mock response";
  private static final String ANTHROPIC_KEY = "sk-ant-server-held-222222";

  @TempDir static Path dir;
  private static GatewayHarness h;
  private static AnthropicClient client;

  @BeforeAll
  static void start() {
    h = new GatewayHarness(dir, mock -> Map.of(
        "PORTCULLIS_PROVIDER_ANTHROPIC_API_KEY", ANTHROPIC_KEY,
        "PORTCULLIS_PROVIDER_ANTHROPIC_BASE_URL", mock.baseUrl()));
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
  private static AnthropicClient client(String gatewayKey) {
    return AnthropicOkHttpClient.builder().baseUrl(h.url("")).apiKey(gatewayKey).maxRetries(0).build();
  }

  private static MessageCreateParams.Builder question(String model) {
    return MessageCreateParams.builder().model(model).maxTokens(256)
        .system("Answer briefly.").addUserMessage("What is the weather in Paris?");
  }

  private static Tool weatherTool() {
    return Tool.builder().name("get_weather").description("Current weather for a city")
        .inputSchema(Tool.InputSchema.builder()
            .properties(JsonValue.from(Map.of("location", Map.of("type", "string"))))
            .required(List.of("location"))
            .build())
        .build();
  }

  @Test
  void createdMessageCarriesTheProviderTextStopReasonAndUsage() {
    Message message = client.messages().create(question("openai/gpt-4o-mini").build());

    assertThat(message.id()).startsWith("msg_");
    assertThat(message.model().asString()).isEqualTo("gpt-4o-mini");
    assertThat(message.content()).singleElement().satisfies(block ->
        assertThat(block.asText().text()).isEqualTo(MOCK_TEXT));
    assertThat(message.stopReason()).contains(StopReason.END_TURN);
    assertThat(message.usage().outputTokens()).isEqualTo(5);
    assertThat(message.usage().inputTokens()).isPositive();
    JsonNode sent = json(h.mock.recordedRequests().getLast().bodyAsString());
    assertThat(h.mock.recordedRequests().getLast().path()).isEqualTo("/v1/chat/completions");
    assertThat(sent.path("max_completion_tokens").asInt()).isEqualTo(256);
    assertThat(sent.at("/messages/0/role").asText()).isEqualTo("system");
    assertThat(sent.at("/messages/0/content").asText()).isEqualTo("Answer briefly.");
  }

  @Test
  void streamWithToolsAccumulatesIntoAToolUseMessage() {
    MessageAccumulator accumulator = MessageAccumulator.create();
    List<String> events;
    try (StreamResponse<RawMessageStreamEvent> stream =
        client.messages().createStreaming(question("openai/gpt-4o").addTool(weatherTool()).build())) {
      events = stream.stream().map(accumulator::accumulate).map(AnthropicJavaClientIT::eventType).toList();
    }
    Message message = accumulator.message();

    assertThat(events.getFirst()).isEqualTo("message_start");
    assertThat(events.getLast()).isEqualTo("message_stop");
    assertThat(events).filteredOn("content_block_delta"::equals).hasSizeGreaterThan(1);
    assertThat(message.stopReason()).contains(StopReason.TOOL_USE);
    assertThat(message.content()).singleElement().satisfies(block -> {
      ToolUseBlock call = block.asToolUse();
      assertThat(call.name()).isEqualTo("get_weather");
      assertThat(call.id()).isNotBlank();
      assertThat(call._input().convert(Map.class)).isEqualTo(Map.of("location", "Paris"));
    });
    assertThat(message.usage().outputTokens()).isPositive();
    assertThat(message.usage().inputTokens()).isPositive();
    JsonNode sent = json(h.mock.recordedRequests().getLast().bodyAsString());
    assertThat(sent.at("/tools/0/function/name").asText()).isEqualTo("get_weather");
    assertThat(sent.at("/stream_options/include_usage").asBoolean()).isTrue();
  }

  @Test
  void anthropicTargetGetsTheClientsBodyAsItIsWithTheServerHeldKey() {
    Message message = client.messages().create(question("anthropic/claude-sonnet-4-5")
        .putAdditionalBodyProperty("top_k", JsonValue.from(5)).build());

    assertThat(message.content()).singleElement().satisfies(block ->
        assertThat(block.asText().text()).isEqualTo(MOCK_TEXT));
    assertThat(h.mock.recordedRequests()).singleElement().satisfies(up -> {
      assertThat(up.path()).isEqualTo("/v1/messages");
      assertThat(up.header("x-api-key")).isEqualTo(ANTHROPIC_KEY);
      assertThat(up.header("anthropic-version")).isNotBlank();
      JsonNode sent = json(up.bodyAsString());
      assertThat(sent.get("model").asText()).isEqualTo("claude-sonnet-4-5");
      assertThat(sent.get("top_k").asInt()).isEqualTo(5);
      assertThat(sent.get("system").asText()).isEqualTo("Answer briefly.");
    });
  }

  @Test
  void wrongGatewayKeyIsAnAuthenticationErrorInAnthropicShape() {
    AnthropicClient stranger = client("pcl-not-a-key");
    UnauthorizedException error = catchThrowableOfType(UnauthorizedException.class,
        () -> stranger.messages().create(question("openai/gpt-4o-mini").build()));
    stranger.close();

    assertThat(error.statusCode()).isEqualTo(401);
    assertThat(error.errorType()).contains(ErrorType.AUTHENTICATION_ERROR);
    assertThat(error.apiMessage()).hasValueSatisfying(message -> assertThat(message).isNotBlank());
    assertThat(h.mock.recordedRequests()).isEmpty();
  }

  @Test
  void providerRateLimitIsARateLimitErrorInAnthropicShape() {
    MessageCreateParams params = question("openai/gpt-4o-mini")
        .putAdditionalHeader("x-portcullis-forward-headers", "x-mock-status,x-mock-error-message")
        .putAdditionalHeader("x-mock-status", "429")
        .putAdditionalHeader("x-mock-error-message", "Rate limit reached for gpt-4o-mini on requests per min")
        .build();

    RateLimitException error = catchThrowableOfType(RateLimitException.class, () -> client.messages().create(params));

    assertThat(error.statusCode()).isEqualTo(429);
    assertThat(error.errorType()).contains(ErrorType.RATE_LIMIT_ERROR);
    assertThat(error.apiMessage()).contains("Rate limit reached for gpt-4o-mini on requests per min");
    assertThat(error.body().convert(Map.class)).containsEntry("type", "error");
  }

  private static String eventType(RawMessageStreamEvent event) {
    if (event.isMessageStart()) {
      return "message_start";
    }
    if (event.isContentBlockStart()) {
      return "content_block_start";
    }
    if (event.isContentBlockDelta()) {
      return "content_block_delta";
    }
    if (event.isContentBlockStop()) {
      return "content_block_stop";
    }
    return event.isMessageDelta() ? "message_delta" : "message_stop";
  }

  private static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
