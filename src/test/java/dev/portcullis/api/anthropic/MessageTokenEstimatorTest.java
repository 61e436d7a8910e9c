package dev.portcullis.api.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.portcullis.error.GatewayException;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

class MessageTokenEstimatorTest {

  @Test
  void imagesCountAFixedCost() {
    int tokens = MessageTokenEstimator.estimate(Buffer.buffer("{\"model\":\"m\",\"messages\":[{\"role\":\"user\","
        + "\"content\":[{\"type\":\"image\",\"source\":{\"type\":\"url\",\"url\":\"https://x/y.png\"}}]}]}"));

    assertThat(tokens).isEqualTo(MessageTokenEstimator.MESSAGE_OVERHEAD + MessageTokenEstimator.IMAGE_TOKENS);
  }

  @Test
  void toolsAddTheirTextAndTheToolUseSystemPrompt() {
    String body = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"abcd\"}],"
        + "\"tools\":[{\"name\":\"abcd\",\"input_schema\":{}}]%s}";
    int auto = MessageTokenEstimator.estimate(Buffer.buffer(body.formatted("")));
    int forced = MessageTokenEstimator.estimate(Buffer.buffer(body.formatted(",\"tool_choice\":{\"type\":\"any\"}")));

    int text = (4 + 4 + 2 + 3) / 4;
    int fixed = MessageTokenEstimator.MESSAGE_OVERHEAD + MessageTokenEstimator.TOOL_OVERHEAD;
    assertThat(auto).isEqualTo(fixed + text + MessageTokenEstimator.TOOL_PROMPT_AUTO);
    assertThat(forced).isEqualTo(fixed + text + MessageTokenEstimator.TOOL_PROMPT_FORCED);
  }

  @Test
  void invalidRequestIsStillA400() {
    GatewayException.BadRequest error = catchThrowableOfType(GatewayException.BadRequest.class,
        () -> MessageTokenEstimator.estimate(Buffer.buffer("{\"messages\":[]}")));

    assertThat(error.getMessage()).isEqualTo("model: missing (expected: a string)");
  }
}
