package dev.portcullis.api.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.model.ChatRequest;
import dev.portcullis.model.ChatResponse;
import dev.portcullis.model.Choice;
import dev.portcullis.model.FinishReason;
import dev.portcullis.model.Message;
import dev.portcullis.model.Role;
import dev.portcullis.model.Usage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnthropicMessageEncoderTest {

  private static final ChatRequest REQUEST =
      ChatRequest.builder("claude-sonnet-4-5", List.of(Message.of(Role.USER, "Hi"))).build();

  @Test
  void inputTokensLeaveOutCacheReadsAndWrites() {
    Usage usage = new Usage(1000, 10, 1010, 200, 300, null, null, null, null, null);

    JsonNode message = encode(response(FinishReason.STOP, usage));

    assertThat(message.at("/usage/input_tokens").asInt()).isEqualTo(500);
    assertThat(message.at("/usage/cache_read_input_tokens").asInt()).isEqualTo(200);
    assertThat(message.at("/usage/cache_creation_input_tokens").asInt()).isEqualTo(300);
    assertThat(message.at("/usage/output_tokens").asInt()).isEqualTo(10);
  }

  @Test
  void stopSequenceIsAlwaysPresentAndStopReasonsKeepAnthropicOnes() {
    JsonNode message = encode(response(FinishReason.of("pause_turn"), null));

    assertThat(message.has("stop_sequence")).isTrue();
    assertThat(message.get("stop_sequence").isNull()).isTrue();
    assertThat(message.get("stop_reason").asText()).isEqualTo("pause_turn");
    assertThat(encode(response(FinishReason.of("eos"), null)).get("stop_reason").asText()).isEqualTo("end_turn");
  }

  private static ChatResponse response(FinishReason finish, Usage usage) {
    return new ChatResponse("chatcmpl-9", "gpt-4.1", 1L,
        List.of(new Choice(0, Message.of(Role.ASSISTANT, "ok"), finish, null)), usage, null, null, Map.of());
  }

  private static JsonNode encode(ChatResponse response) {
    return AnthropicDialectFixtureTest.tree(AnthropicChatDialect.INSTANCE.encode(response, REQUEST));
  }
}
