package dev.portcullis.mock;

import static dev.portcullis.mock.RunningMock.at;
import static dev.portcullis.mock.RunningMock.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.OverloadedException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.ErrorType;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolUseBlock;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The mock's {@code /v1/messages} speaks Anthropic's wire format well enough for Anthropic's own Java SDK. */
class MockAnthropicMessagesTest {

  private static final String MODEL = "claude-sonnet-4-5";
  private static final String MOCK_TEXT = "This is a mock response";

  @RegisterExtension
  static final RunningMock mock = new RunningMock();

  private static AnthropicClient client;

  @BeforeAll
  static void connect() {
    client = AnthropicOkHttpClient.builder()
        .baseUrl(mock.upstream().baseUrl().substring(0, mock.upstream().baseUrl().length() - "/v1".length()))
        .apiKey("sk-ant-mock")
        .maxRetries(0)
        .build();
  }

  @AfterAll
  static void disconnect() {
    client.close();
  }

  @Test
  void sdkReadsAMessageEchoingTheModelWithUsage() {
    Message message = client.messages().create(params().build());

    assertThat(message.id()).startsWith("msg_mock_");
    assertThat(message.model().asString()).isEqualTo(MODEL);
    assertThat(message.content()).singleElement()
        .satisfies(block -> assertThat(block.text().orElseThrow().text()).isEqualTo(MOCK_TEXT));
    assertThat(message.stopReason()).contains(StopReason.END_TURN);
    assertThat(message.usage().inputTokens()).isPositive();
    assertThat(message.usage().outputTokens()).isEqualTo(5);
    assertThat(message.usage().cacheReadInputTokens()).contains(0L);
  }

  @Test
  void sdkAccumulatesTheStreamIntoTheMessageTheJsonAnswerGives() {
    MessageAccumulator accumulator = MessageAccumulator.create();
    List<String> types = new ArrayList<>();
    try (StreamResponse<RawMessageStreamEvent> stream =
        client.messages().createStreaming(params().putAdditionalHeader("x-mock-chunks", "3").build())) {
      stream.stream().forEach(event -> {
        accumulator.accumulate(event);
        types.add(type(event));
      });
    }

    Message message = accumulator.message();
    assertThat(types).containsExactly("message_start", "content_block_start", "content_block_delta",
        "content_block_delta", "content_block_delta", "content_block_stop", "message_delta", "message_stop");
    assertThat(message.content().getFirst().text().orElseThrow().text()).isEqualTo("This is a");
    assertThat(message.stopReason()).contains(StopReason.END_TURN);
    assertThat(message.usage().outputTokens()).isEqualTo(3);
  }

  @Test
  void theStreamSendsTheDocumentedEventsInOrderWithAPing() throws Exception {
    String stream = mock.post("/messages", body().replace("{", "{\"stream\":true,"), "anthropic-version",
        "2023-06-01", "x-mock-chunks", "2").body();

    List<String> events = new ArrayList<>();
    for (String event : stream.split("\n\n")) {
      String name = event.substring("event: ".length(), event.indexOf('\n'));
      assertThat(json(event.substring(event.indexOf("data: ") + "data: ".length())).getString("type")).isEqualTo(name);
      events.add(name);
    }
    assertThat(events).containsExactly("message_start", "content_block_start", "ping", "content_block_delta",
        "content_block_delta", "content_block_stop", "message_delta", "message_stop");
  }

  @Test
  void aRequestWithToolsIsAnsweredWithAToolUseOfTheFirstTool() {
    Message message = client.messages().create(params().addTool(weatherTool()).build());

    ToolUseBlock call = message.content().stream().map(ContentBlock::toolUse).flatMap(Optional::stream)
        .findFirst().orElseThrow();
    assertThat(call.id()).startsWith("toolu_mock_");
    assertThat(call.name()).isEqualTo("get_weather");
    assertThat(call._input().convert(Map.class)).isEqualTo(Map.of("location", "Paris"));
    assertThat(message.stopReason()).contains(StopReason.TOOL_USE);
  }

  @Test
  void aStreamedToolUseReassemblesToTheSameInput() {
    MessageAccumulator accumulator = MessageAccumulator.create();
    try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params()
        .addTool(weatherTool()).putAdditionalHeader("x-mock-chunks", "7").build())) {
      stream.stream().forEach(accumulator::accumulate);
    }

    ToolUseBlock call = accumulator.message().content().getFirst().toolUse().orElseThrow();
    assertThat(call.name()).isEqualTo("get_weather");
    assertThat(call._input().convert(Map.class)).isEqualTo(Map.of("location", "Paris"));
    assertThat(accumulator.message().stopReason()).contains(StopReason.TOOL_USE);
  }

  @Test
  void statusDirectivesAnswerInAnthropicsErrorShape() throws Exception {
    HttpResponse<String> response = mock.post("/messages", body(), "anthropic-version", "2023-06-01",
        "x-mock-status", "429");

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.headers().firstValue("retry-after")).hasValue("1");
    JsonObject error = json(response.body());
    assertThat(error.getString("type")).isEqualTo("error");
    assertThat(at(error, "/error/type")).isEqualTo("rate_limit_error");
    assertThat(error.getString("request_id")).startsWith("req_mock_");
    assertThatThrownBy(() -> client.messages().create(params().putAdditionalHeader("x-mock-status", "429").build()))
        .isInstanceOf(RateLimitException.class);
    assertThatThrownBy(() -> client.messages().create(params().putAdditionalHeader("x-mock-status", "529")
        .putAdditionalHeader("x-mock-error-message", "Overloaded, try later").build()))
        .isInstanceOfSatisfying(OverloadedException.class, e -> {
          assertThat(e.type()).contains(ErrorType.OVERLOADED_ERROR);
          assertThat(e.apiMessage()).contains("Overloaded, try later");
        });
  }

  @Test
  void aRequestWithoutAnApiVersionIsRefusedAsAnthropicDoes() throws Exception {
    HttpResponse<String> response = mock.post("/messages", body());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(at(json(response.body()), "/error/type")).isEqualTo("invalid_request_error");
    assertThat(at(json(response.body()), "/error/message")).isEqualTo("anthropic-version: header is required");
  }

  @Test
  void openAiPathsKeepOpenAiErrors() throws Exception {
    HttpResponse<String> response = mock.post("/chat/completions",
        "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "x-mock-status", "429");

    assertThat(json(response.body()).containsKey("type")).isFalse();
    assertThat(at(json(response.body()), "/error/code")).isEqualTo("rate_limit_exceeded");
  }

  private static MessageCreateParams.Builder params() {
    return MessageCreateParams.builder().model(MODEL).maxTokens(1024).addUserMessage("Hello, Claude");
  }

  private static String body() {
    return "{\"model\":\"" + MODEL + "\",\"max_tokens\":1024,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
  }

  private static Tool weatherTool() {
    return Tool.builder().name("get_weather").description("Get the current weather")
        .inputSchema(Tool.InputSchema.builder().properties(JsonValue.from(
            Map.of("location", Map.of("type", "string")))).build())
        .build();
  }

  private static String type(RawMessageStreamEvent event) {
    return event.isMessageStart() ? "message_start" : event.isContentBlockStart() ? "content_block_start"
        : event.isContentBlockDelta() ? "content_block_delta" : event.isContentBlockStop() ? "content_block_stop"
        : event.isMessageDelta() ? "message_delta" : "message_stop";
  }
}
