package dev.portcullis.api.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.portcullis.error.GatewayException;
import dev.portcullis.model.ChatRequest;
import dev.portcullis.model.Role;
import dev.portcullis.model.ToolChoice;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

class AnthropicChatRequestDecoderTest {

  private static final String HEAD = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":100,";

  @Test
  void bodyThatIsNotJsonIsA400() {
    GatewayException.BadRequest error = rejected("{\"model\":");

    assertThat(error.getMessage()).startsWith("request body is not valid JSON");
  }

  @Test
  void maxTokensBelowOneIsRefused() {
    GatewayException.BadRequest error =
        rejected("{\"model\":\"m\",\"max_tokens\":0,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

    assertThat(error.getMessage()).isEqualTo("max_tokens: 0 (expected: an integer of at least 1)");
    assertThat(error.param()).isEqualTo("max_tokens");
  }

  @Test
  void emptyContentArrayNamesTheMessage() {
    GatewayException.BadRequest error = rejected(HEAD + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"},"
        + "{\"role\":\"assistant\",\"content\":[]}]}");

    assertThat(error.getMessage())
        .isEqualTo("messages[1].content: [] (expected: a string or a non-empty array of content blocks)");
  }

  @Test
  void imageFromTheFilesApiIsRefusedNamingItsSource() {
    GatewayException.BadRequest error = rejected(HEAD + "\"messages\":[{\"role\":\"user\",\"content\":["
        + "{\"type\":\"image\",\"source\":{\"type\":\"file\",\"file_id\":\"file_011\"}}]}]}");

    assertThat(error.getMessage())
        .isEqualTo("messages[0].content[0].source.type: 'file' (expected one of: base64, url)");
  }

  @Test
  void namedToolChoiceNeedsAName() {
    GatewayException.BadRequest error = rejected(HEAD + "\"tool_choice\":{\"type\":\"tool\"},"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

    assertThat(error.getMessage()).isEqualTo("tool_choice.name: missing (expected: a string)");
  }

  @Test
  void toolChoiceModesMapToCanonicalOnes() {
    assertThat(decode(HEAD + "\"tool_choice\":{\"type\":\"tool\",\"name\":\"get_weather\"},"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}").toolChoice())
        .isEqualTo(ToolChoice.function("get_weather"));
    ChatRequest none = decode(HEAD + "\"tool_choice\":{\"type\":\"none\"},"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
    assertThat(none.toolChoice()).isEqualTo(ToolChoice.Mode.NONE);
    assertThat(none.parallelToolCalls()).isNull();
  }

  @Test
  void fieldsWithoutCanonicalMeaningStayInExtra() {
    ChatRequest request = decode(HEAD + "\"service_tier\":\"standard_only\",\"top_k\":5,"
        + "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":2048},"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

    assertThat(request.extra()).containsOnlyKeys("service_tier", "top_k", "thinking");
    assertThat(request.extra().get("thinking").get("budget_tokens").asInt()).isEqualTo(2048);
  }

  @Test
  void assistantTurnOfOnlyRedactedThinkingIsDropped() {
    ChatRequest request = decode(HEAD + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"},"
        + "{\"role\":\"assistant\",\"content\":[{\"type\":\"redacted_thinking\",\"data\":\"xyz\"}]},"
        + "{\"role\":\"user\",\"content\":\"Again\"}]}");

    assertThat(request.messages()).extracting(m -> m.role()).containsExactly(Role.USER, Role.USER);
  }

  @Test
  void requestOfNothingButRedactedThinkingIsA400() {
    GatewayException.BadRequest error = rejected(HEAD + "\"messages\":[{\"role\":\"assistant\","
        + "\"content\":[{\"type\":\"redacted_thinking\",\"data\":\"xyz\"}]}]}");

    assertThat(error.param()).isEqualTo("messages");
  }

  @Test
  void toolResultWithoutContentIsAnEmptyToolMessage() {
    ChatRequest request = decode(HEAD + "\"messages\":[{\"role\":\"user\",\"content\":["
        + "{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_1\"}]}]}");

    assertThat(request.messages()).singleElement().satisfies(m -> {
      assertThat(m.role()).isEqualTo(Role.TOOL);
      assertThat(m.text()).isEmpty();
      assertThat(m.toolCallId()).isEqualTo("toolu_1");
    });
  }

  private static ChatRequest decode(String body) {
    return AnthropicChatDialect.INSTANCE.decode(Buffer.buffer(body));
  }

  private static GatewayException.BadRequest rejected(String body) {
    return catchThrowableOfType(GatewayException.BadRequest.class, () -> decode(body));
  }
}
