package dev.portcullis.api.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.api.StreamEncoder;
import dev.portcullis.error.GatewayException;
import dev.portcullis.model.ChatChunk;
import dev.portcullis.model.ChatRequest;
import dev.portcullis.model.ChunkChoice;
import dev.portcullis.model.Delta;
import dev.portcullis.model.FinishReason;
import dev.portcullis.model.Message;
import dev.portcullis.model.Role;
import dev.portcullis.model.ToolCallDelta;
import dev.portcullis.model.Usage;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnthropicStreamEncoderTest {

  private final StreamEncoder encoder = AnthropicChatDialect.INSTANCE.stream(
      ChatRequest.builder("claude-sonnet-4-5", List.of(Message.of(Role.USER, "Hi"))).stream(true).build());

  @Test
  void usageOnTheFinishChunkWritesMessageDeltaAtOnceAndEndOnlyStops() {
    encoder.encode(chunk(List.of(choice(new Delta(Role.ASSISTANT, "Hi", null, null, List.of()), null)), null));
    Buffer last = encoder.encode(chunk(List.of(choice(empty(), FinishReason.STOP)), Usage.of(5, 2, 7)));

    assertThat(types(last)).containsExactly("content_block_stop", "message_delta");
    assertThat(AnthropicDialectFixtureTest.events(text(last)).get(1).at("/data/usage/output_tokens").asInt())
        .isEqualTo(2);
    assertThat(types(encoder.end())).containsExactly("message_stop");
  }

  @Test
  void errorMidStreamIsAnAnthropicErrorEvent() {
    encoder.encode(chunk(List.of(choice(new Delta(Role.ASSISTANT, "Hi", null, null, List.of()), null)), null));

    Buffer error = encoder.error(new GatewayException.UpstreamError(529, "overloaded_error", "Overloaded", null, null));

    assertThat(text(error)).isEqualTo("event: error\ndata: "
        + "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n");
    assertThat(encoder.end().length()).isZero();
  }

  @Test
  void toolCallWithoutIdGetsAnAnthropicStyleId() {
    Buffer events = encoder.encode(chunk(List.of(choice(
        new Delta(Role.ASSISTANT, null, null, null, List.of(new ToolCallDelta(0, null, "lookup", "{\"q\":1}"))),
        null)), null));

    JsonNode block = AnthropicDialectFixtureTest.events(text(events)).get(1).at("/data/content_block");
    assertThat(block.get("id").asText()).startsWith("toolu_").hasSizeGreaterThan("toolu_".length());
    assertThat(block.get("name").asText()).isEqualTo("lookup");
  }

  @Test
  void textAfterAToolCallOpensTheNextBlock() {
    encoder.encode(chunk(List.of(choice(
        new Delta(Role.ASSISTANT, null, null, null, List.of(new ToolCallDelta(0, "call_1", "lookup", "{}"))), null)),
        null));

    Buffer events = encoder.encode(chunk(List.of(choice(new Delta(null, "done", null, null, List.of()), null)), null));

    List<JsonNode> parsed = list(AnthropicDialectFixtureTest.events(text(events)));
    assertThat(parsed).extracting(e -> e.get("event").asText())
        .containsExactly("content_block_stop", "content_block_start", "content_block_delta");
    assertThat(parsed.get(0).at("/data/index").asInt()).isZero();
    assertThat(parsed.get(1).at("/data/index").asInt()).isEqualTo(1);
  }

  @Test
  void onlyTheFirstChoiceIsWritten() {
    Buffer events = encoder.encode(chunk(List.of(
        new ChunkChoice(1, new Delta(Role.ASSISTANT, "other", null, null, List.of()), null, null),
        choice(new Delta(Role.ASSISTANT, "first", null, null, List.of()), null)), null));

    assertThat(text(events)).contains("\"text\":\"first\"").doesNotContain("other");
  }

  private static ChatChunk chunk(List<ChunkChoice> choices, Usage usage) {
    return new ChatChunk("chatcmpl-1", "gpt-4.1", 1L, choices, usage, null, null, Map.of());
  }

  private static ChunkChoice choice(Delta delta, FinishReason finish) {
    return new ChunkChoice(0, delta, finish, null);
  }

  private static Delta empty() {
    return new Delta(null, null, null, null, List.of());
  }

  private static String text(Buffer buffer) {
    return buffer.toString(StandardCharsets.UTF_8);
  }

  private static List<String> types(Buffer buffer) {
    return list(AnthropicDialectFixtureTest.events(text(buffer))).stream().map(e -> e.get("event").asText()).toList();
  }

  private static List<JsonNode> list(JsonNode array) {
    List<JsonNode> out = new ArrayList<>();
    array.forEach(out::add);
    return out;
  }
}
