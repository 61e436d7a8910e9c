package dev.portcullis.wire;

import static dev.portcullis.wire.JsonTreeAssert.assertSameJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.portcullis.error.GatewayException;
import dev.portcullis.model.ChatChunk;
import dev.portcullis.model.ChunkChoice;
import dev.portcullis.model.Delta;
import dev.portcullis.model.FinishReason;
import dev.portcullis.model.Role;
import dev.portcullis.model.ToolCallDelta;
import dev.portcullis.model.Usage;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class OpenAiChunkCodecTest {

  private static final List<String> TRANSCRIPT = Fixtures.ssePayloads("chat-stream-tool-calls.sse");

  @Test
  void documentedToolCallStreamDecodesChunkByChunk() {
    List<ChatChunk> chunks = decodeAllButDone();

    assertThat(chunks).hasSize(18).allSatisfy(chunk -> {
      assertThat(chunk.id()).isEqualTo("chatcmpl-BkzP4QX5tUqgcD0pN6fA1zvqXb2Ld");
      assertThat(chunk.model()).isEqualTo("gpt-4.1-2025-04-14");
      assertThat(chunk.created()).isEqualTo(1750338990L);
      assertThat(chunk.systemFingerprint()).isEqualTo("fp_51e1070cf2");
      assertThat(chunk.serviceTier()).isEqualTo("default");
    });
    Delta first = chunks.getFirst().choices().getFirst().delta();
    assertThat(first.role()).isEqualTo(Role.ASSISTANT);
    assertThat(first.content()).isNull();
    assertThat(first.toolCalls()).containsExactly(new ToolCallDelta(0, "call_DdmO9pD3xa9XTPNJ32zg2hcA", "get_weather", ""));
    assertThat(chunks.get(1).choices().getFirst().delta().toolCalls())
        .containsExactly(new ToolCallDelta(0, null, null, "{\""));
    assertThat(chunks.get(8).choices().getFirst().delta().toolCalls())
        .containsExactly(new ToolCallDelta(1, "call_ABPRiBrNQzxgLQ8wxhPXFxtE", "get_weather", ""));

    ChunkChoice last = chunks.get(16).choices().getFirst();
    assertThat(last.finishReason()).isSameAs(FinishReason.TOOL_CALLS);
    assertThat(last.delta()).isEqualTo(new Delta(null, null, null, null, List.of()));
    assertThat(chunks.subList(0, 17)).allSatisfy(chunk -> assertThat(chunk.usage()).isNull());

    ChatChunk usage = chunks.get(17);
    assertThat(usage.choices()).isEmpty();
    assertThat(usage.usage()).isEqualTo(new Usage(73, 44, 117, 0, null, 0, 0, 0, 0, 0));
  }

  @Test
  void argumentFragmentsJoinIntoEachCallsArguments() {
    Map<Integer, StringBuilder> arguments = new TreeMap<>();
    for (ChatChunk chunk : decodeAllButDone()) {
      for (ChunkChoice choice : chunk.choices()) {
        for (ToolCallDelta call : choice.delta().toolCalls()) {
          arguments.computeIfAbsent(call.index(), index -> new StringBuilder()).append(call.argumentsFragment());
        }
      }
    }

    assertThat(arguments).hasSize(2);
    assertThat(arguments.get(0)).hasToString("{\"location\":\"Paris, France\"}");
    assertThat(arguments.get(1)).hasToString("{\"location\":\"Bogotá, Colombia\"}");
  }

  @Test
  void everyChunkReEncodesToTheSameEvent() {
    for (String payload : TRANSCRIPT.subList(0, TRANSCRIPT.size() - 1)) {
      String event = new String(OpenAiChunkEncoder.encode(decode(payload)), StandardCharsets.UTF_8);

      assertThat(event).startsWith("data: {").endsWith("}\n\n").doesNotContain("\n\n\n");
      assertSameJson(
          event.substring("data: ".length(), event.length() - 2).getBytes(StandardCharsets.UTF_8),
          payload.getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void streamEndsWithTheDoneEvent() {
    assertThat(TRANSCRIPT.getLast()).isEqualTo(OpenAiChunkDecoder.DONE_PAYLOAD);
    assertThat(OpenAiChunkEncoder.DONE_EVENT).isEqualTo("data: [DONE]\n\n");
  }

  @Test
  void textAndReasoningDeltasRoundTrip() {
    String payload = """
        {"id":"021750","object":"chat.completion.chunk","created":1750000000,"model":"deepseek-reasoner",
         "choices":[{"index":0,"delta":{"content":"The answer","reasoning_content":"Adding two and two."},
                     "logprobs":null,"finish_reason":null}]}""";

    ChatChunk chunk = decode(payload);

    assertThat(chunk.choices().getFirst().delta())
        .isEqualTo(new Delta(null, "The answer", "Adding two and two.", null, List.of()));
    byte[] event = OpenAiChunkEncoder.encode(chunk);
    assertSameJson(
        new String(event, StandardCharsets.UTF_8).substring(6).strip().getBytes(StandardCharsets.UTF_8),
        payload.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aVertxBufferDecodesLikeItsBytes() {
    String payload = TRANSCRIPT.getFirst();

    assertThat(OpenAiChunkDecoder.decode(Buffer.buffer(payload))).isEqualTo(decode(payload));
  }

  @Test
  void unreadableProviderChunkIsA502NamingThePath() {
    GatewayException rejection = catchThrowableOfType(
        GatewayException.class,
        () -> decode("{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
            + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"narrator\"}}]}"));

    assertThat(rejection.status()).isEqualTo(502);
    assertThat(rejection.getMessage()).isEqualTo("invalid stream chunk from the provider: choices[0].delta.role:"
        + " 'narrator' (expected one of: system, developer, user, assistant, tool)");
  }

  @Test
  void errorEventIsRaisedAsTheProvidersError() {
    GatewayException.UpstreamError error = catchThrowableOfType(
        GatewayException.UpstreamError.class,
        () -> decode("{\"error\":{\"message\":\"The server had an error while processing your request.\","
            + "\"type\":\"server_error\",\"param\":null,\"code\":null}}"));

    assertThat(error.status()).isEqualTo(502);
    assertThat(error.type()).isEqualTo("server_error");
    assertThat(error.getMessage()).isEqualTo("The server had an error while processing your request.");
    assertThat(error.code()).isNull();
  }

  private static List<ChatChunk> decodeAllButDone() {
    return TRANSCRIPT.subList(0, TRANSCRIPT.size() - 1).stream().map(OpenAiChunkCodecTest::decode).toList();
  }

  private static ChatChunk decode(String payload) {
    return OpenAiChunkDecoder.decode(payload.getBytes(StandardCharsets.UTF_8));
  }
}
