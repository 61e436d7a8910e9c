package dev.portcullis.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.wire.OpenAiChatRequestDecoder;
import dev.portcullis.error.GatewayException;
import dev.portcullis.model.ChatRequest;
import dev.portcullis.provider.ChunkDecoder;
import dev.portcullis.provider.ProviderTable;
import dev.portcullis.provider.WireRequest;
import dev.portcullis.provider.Target;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnthropicChatCodecTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-01T12:00:00Z"), ZoneOffset.UTC);
  private static final AnthropicChatCodec DIRECT = AnthropicChatCodec.direct(CLOCK);
  private static final Target ANTHROPIC = target("anthropic", "https://api.anthropic.com/v1", Map.of(),
      "claude-sonnet-4-5");
  private static final Target VERTEX = target("vertex-ai", "https://us-east5-aiplatform.googleapis.com/v1",
      Map.of("vertex_project_id", "acme-prod-42", "vertex_region", "us-east5"), "claude-sonnet-4-5@20250929");

  @Test
  void vertexRequestGoesToRawPredictWithTheVersionInTheBodyAndNoModel() {
    WireRequest wire = AnthropicChatCodec.onVertex(Clock.systemUTC()).request(request("{\"model\":\"claude-sonnet-4-5@20250929\","
        + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"), VERTEX, false);

    assertThat(wire.method()).isEqualTo(HttpMethod.POST);
    assertThat(wire.url()).hasToString("https://us-east5-aiplatform.googleapis.com/v1/projects/acme-prod-42/locations/"
        + "us-east5/publishers/anthropic/models/claude-sonnet-4-5@20250929:rawPredict");
    JsonNode body = json(wire.body());
    assertThat(body.has("model")).isFalse();
    assertThat(body.get("anthropic_version").asText()).isEqualTo("vertex-2023-10-16");
    assertThat(body.get("max_tokens").asInt()).isEqualTo(AnthropicChatCodec.DEFAULT_MAX_TOKENS);
    assertThat(body.at("/messages/0/content").asText()).isEqualTo("Hi");
  }

  @Test
  void vertexStreamGoesToStreamRawPredictAndReadsAnthropicEvents() {
    ChatRequest request = request("{\"model\":\"claude-sonnet-4-5@20250929\",\"stream\":true,"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
    AnthropicChatCodec vertex = AnthropicChatCodec.onVertex(Clock.systemUTC());

    WireRequest wire = vertex.request(request, VERTEX, false);
    ChunkDecoder decoder = vertex.stream(request, VERTEX);
    var chunks = decoder.feed(Buffer.buffer("""
        event: message_start
        data: {"type":"message_start","message":{"id":"msg_vrtx_01","type":"message","role":"assistant",\
        "model":"claude-sonnet-4-5@20250929","content":[],"usage":{"input_tokens":9,"output_tokens":1}}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello"}}

        event: message_delta
        data: {"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":2}}

        event: message_stop
        data: {"type":"message_stop"}

        """));

    assertThat(wire.url().toString()).endsWith("/models/claude-sonnet-4-5@20250929:streamRawPredict");
    assertThat(json(wire.body()).get("stream").asBoolean()).isTrue();
    assertThat(chunks).hasSize(4);
    assertThat(chunks.get(1).choices().getFirst().delta().content()).isEqualTo("Hello");
    assertThat(chunks.getLast().usage().totalTokens()).isEqualTo(11);
    assertThat(decoder.end()).isEmpty();
  }

  @Test
  void vertexRefusesATargetWithoutAProjectNamingTheField() {
    Target noProject = target("vertex-ai", "https://us-east5-aiplatform.googleapis.com/v1",
        Map.of("vertex_region", "us-east5"), "claude-sonnet-4-5@20250929");

    assertThatThrownBy(() -> AnthropicChatCodec.onVertex(Clock.systemUTC()).request(simple(), noProject, false))
        .isInstanceOfSatisfying(GatewayException.BadRequest.class, e -> {
          assertThat(e.param()).isEqualTo("vertex_project_id");
          assertThat(e.getMessage()).startsWith("vertex_project_id: missing");
        });
  }

  @Test
  void vertexRefusesAModelThatWouldChangeTheUrlPath() {
    Target sneaky = target("vertex-ai", "https://us-east5-aiplatform.googleapis.com/v1",
        Map.of("vertex_project_id", "acme-prod-42", "vertex_region", "us-east5"), "../../other/models/x");

    assertThatThrownBy(() -> AnthropicChatCodec.onVertex(Clock.systemUTC()).request(simple(), sneaky, false))
        .isInstanceOfSatisfying(GatewayException.BadRequest.class, e -> assertThat(e.param()).isEqualTo("model"));
  }

  @Test
  void toolCallArgumentsThatAreNotJsonAreRefusedNamingTheMessage() {
    ChatRequest request = request("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"},"
        + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"toolu_1\",\"type\":\"function\","
        + "\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"city\\\": Paris}\"}}]}]}");

    assertThatThrownBy(() -> DIRECT.request(request, ANTHROPIC, false))
        .isInstanceOfSatisfying(GatewayException.BadRequest.class, e -> {
          assertThat(e.param()).isEqualTo("messages[1].tool_calls[0].function.arguments");
          assertThat(e.getMessage()).startsWith("messages[1].tool_calls[0].function.arguments: not valid JSON");
        });
  }

  @Test
  void toolCallArgumentsThatAreJsonButNotAnObjectAreRefused() {
    ChatRequest request = request("{\"model\":\"m\",\"messages\":[{\"role\":\"assistant\",\"content\":null,"
        + "\"tool_calls\":[{\"id\":\"toolu_1\",\"type\":\"function\",\"function\":{\"name\":\"f\","
        + "\"arguments\":\"[1,2]\"}}]}]}");

    assertThatThrownBy(() -> DIRECT.request(request, ANTHROPIC, false))
        .isInstanceOfSatisfying(GatewayException.BadRequest.class,
            e -> assertThat(e.getMessage()).contains("'[1,2]'", "expected: a JSON object"));
  }

  @Test
  void aTokenCapThatLeavesNoRoomBeyondTheThinkingBudgetIsRefused() {
    ChatRequest request = request("{\"model\":\"m\",\"reasoning_effort\":\"high\",\"max_completion_tokens\":16384,"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

    assertThatThrownBy(() -> DIRECT.request(request, ANTHROPIC, false))
        .isInstanceOfSatisfying(GatewayException.BadRequest.class, e -> {
          assertThat(e.param()).isEqualTo("max_completion_tokens");
          assertThat(e.getMessage()).contains("16384", "thinking budget of 16384");
        });
  }

  @Test
  void unknownReasoningEffortIsRefusedListingTheKnownOnes() {
    ChatRequest request = request("{\"model\":\"m\",\"reasoning_effort\":\"extreme\","
        + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

    assertThatThrownBy(() -> DIRECT.request(request, ANTHROPIC, false))
        .isInstanceOfSatisfying(GatewayException.BadRequest.class, e -> assertThat(e.getMessage())
            .isEqualTo("reasoning_effort: 'extreme' (expected: one of none, minimal, low, medium, high)"));
  }

  @Test
  void reasoningEffortNoneSendsNoThinking() {
    WireRequest wire = DIRECT.request(request("{\"model\":\"m\",\"reasoning_effort\":\"none\","
        + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"), ANTHROPIC, false);

    assertThat(json(wire.body()).has("thinking")).isFalse();
    assertThat(wire.dropped()).isEmpty();
  }

  @Test
  void audioInputIsRefusedNamingThePart() {
    ChatRequest request = request("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":["
        + "{\"type\":\"text\",\"text\":\"What is said?\"},"
        + "{\"type\":\"input_audio\",\"input_audio\":{\"data\":\"UklGRg==\",\"format\":\"wav\"}}]}]}");

    assertThatThrownBy(() -> DIRECT.request(request, ANTHROPIC, false))
        .isInstanceOfSatisfying(GatewayException.BadRequest.class,
            e -> assertThat(e.param()).isEqualTo("messages[0].content[1]"));
  }

  @Test
  void anImageThatIsNeitherAWebUrlNorBase64IsRefused() {
    ChatRequest request = request("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":["
        + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"file:///etc/passwd\"}}]}]}");

    assertThatThrownBy(() -> DIRECT.request(request, ANTHROPIC, false))
        .isInstanceOfSatisfying(GatewayException.BadRequest.class,
            e -> assertThat(e.param()).isEqualTo("messages[0].content[0].image_url.url"));
  }

  @Test
  void aToolChoiceWithoutToolsIsLeftOut() {
    WireRequest wire = DIRECT.request(request("{\"model\":\"m\",\"tool_choice\":\"none\","
        + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"), ANTHROPIC, false);

    assertThat(json(wire.body()).has("tool_choice")).isFalse();
  }

  @Test
  void aStreamThatEndsBeforeMessageStopIsAMalformedUpstream() {
    ChunkDecoder decoder = DIRECT.stream(simple(), ANTHROPIC);
    decoder.feed(Buffer.buffer("event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\","
        + "\"model\":\"claude\",\"usage\":{\"input_tokens\":3}}}\n\n"));

    assertThatThrownBy(decoder::end).isInstanceOfSatisfying(GatewayException.UpstreamError.class, e -> {
      assertThat(e.status()).isEqualTo(502);
      assertThat(e.code()).isEqualTo("invalid_upstream_response");
      assertThat(e.getMessage()).contains("ended before message_stop");
    });
  }

  @Test
  void anEventThatIsNotJsonFailsTheStreamAfterTheChunksBeforeIt() {
    ChunkDecoder decoder = DIRECT.stream(simple(), ANTHROPIC);

    var chunks = decoder.feed(Buffer.buffer("event: message_start\ndata: {\"type\":\"message_start\",\"message\":{"
        + "\"id\":\"msg_1\",\"model\":\"claude\"}}\n\nevent: content_block_delta\ndata: {not json\n\n"));

    assertThat(chunks).hasSize(1);
    assertThatThrownBy(() -> decoder.feed(Buffer.buffer("")))
        .isInstanceOfSatisfying(GatewayException.UpstreamError.class, e -> assertThat(e.status()).isEqualTo(502));
  }

  @Test
  void anErrorEventOfAnUnknownTypeKeepsTheTypeAsA500() {
    ChunkDecoder decoder = DIRECT.stream(simple(), ANTHROPIC);

    assertThatThrownBy(() -> decoder.feed(Buffer.buffer(
        "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"brand_new_error\",\"message\":\"Odd\"}}\n\n")))
        .isInstanceOfSatisfying(GatewayException.UpstreamError.class, e -> {
          assertThat(e.status()).isEqualTo(500);
          assertThat(e.type()).isEqualTo("brand_new_error");
          assertThat(e.getMessage()).isEqualTo("Odd");
        });
  }

  @Test
  void aResponseThatIsNotAMessageIsAMalformedUpstream() {
    assertThatThrownBy(() -> DIRECT.response(Buffer.buffer("{\"completion\":\"Hi\"}"), simple(), ANTHROPIC))
        .isInstanceOfSatisfying(GatewayException.UpstreamError.class, e -> {
          assertThat(e.status()).isEqualTo(502);
          assertThat(e.type()).isEqualTo("api_error");
          assertThat(e.code()).isEqualTo("invalid_upstream_response");
        });
  }

  @Test
  void responsesAreStampedWithTheClock() {
    var response = DIRECT.response(Buffer.buffer("{\"id\":\"msg_1\",\"type\":\"message\",\"model\":\"claude\","
        + "\"content\":[],\"stop_reason\":\"end_turn\"}"), simple(), ANTHROPIC);

    assertThat(response.created()).isEqualTo(CLOCK.instant().getEpochSecond());
    assertThat(response.usage()).isNull();
  }

  @Test
  void passthroughKeepsTheClientsVersionAndAddsTheTargetsBetaFeatures() {
    AnthropicAdapter adapter = new AnthropicAdapter(CLOCK);
    Target withBeta = target("anthropic", "https://api.anthropic.com/v1",
        Map.of("anthropic_beta", "context-1m-2025-08-07"), "claude-sonnet-4-5");
    MultiMap headers = MultiMap.caseInsensitiveMultiMap()
        .add("anthropic-version", "2023-01-01").add("anthropic-beta", "files-api-2025-04-14");
    WireRequest passthrough = new WireRequest(HttpMethod.POST, URI.create("https://api.anthropic.com/v1/messages"),
        headers, Buffer.buffer("{}"), List.of());

    MultiMap sent = adapter.authorize(passthrough, withBeta).result().headers();

    assertThat(sent.get("x-api-key")).isEqualTo("sk-ant-test");
    assertThat(sent.get("anthropic-version")).isEqualTo("2023-01-01");
    assertThat(sent.get("anthropic-beta")).isEqualTo("files-api-2025-04-14,context-1m-2025-08-07");
  }

  private static ChatRequest simple() {
    return request("{\"model\":\"claude-sonnet-4-5@20250929\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
  }

  private static ChatRequest request(String json) {
    return OpenAiChatRequestDecoder.decode(json.getBytes(StandardCharsets.UTF_8));
  }

  private static Target target(String provider, String baseUrl, Map<String, String> fields, String model) {
    return new Target(ProviderTable.find(provider).orElseThrow(), URI.create(baseUrl), "sk-ant-test", fields, model,
        null, null);
  }

  private static JsonNode json(Buffer body) {
    try {
      return AnthropicJson.MAPPER.readTree(body.getBytes());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
