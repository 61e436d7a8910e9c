package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.api.anthropic.AnthropicUsageReader;
import dev.portcullis.wire.OpenAiUsageReader;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

class UsageCaptureTest {

  private static UsageTally fromJson(String body) {
    UsageTally ex = new UsageTally();
    UsageCapture.fromJson(Buffer.buffer(body), ex, OpenAiUsageReader::read);
    return ex;
  }

  private static UsageTally fromStream(String... chunks) {
    return fromStream(OpenAiUsageReader::read, chunks);
  }

  private static UsageTally fromStream(UsageCapture.Reader reader, String... chunks) {
    UsageTally ex = new UsageTally();
    UsageCapture capture = new UsageCapture(ex, reader);
    for (String chunk : chunks) {
      capture.accept(Buffer.buffer(chunk));
    }
    return ex;
  }

  @Test
  void usageAtTheEndOfAnAnswerIsRead() {
    UsageTally ex = fromJson("{\"id\":\"c\",\"choices\":[{\"message\":{\"content\":\"the \\\"usage\\\": {\\\"total_tokens\\\": 999}\"}}],"
        + "\"usage\" : {\"prompt_tokens\":7,\"completion_tokens\":5,\"total_tokens\":12,"
        + "\"prompt_tokens_details\":{\"cached_tokens\":2}},\"system_fingerprint\":\"fp\"}");
    assertThat(ex.promptTokens()).isEqualTo(7);
    assertThat(ex.completionTokens()).isEqualTo(5);
    assertThat(ex.totalTokens()).isEqualTo(12);
  }

  @Test
  void answerWithoutUsageOrWithNullUsageLeavesTokensUnknown() {
    assertThat(fromJson("{\"id\":\"c\",\"choices\":[]}").totalTokens()).isNull();
    assertThat(fromJson("{\"id\":\"c\",\"usage\":null}").totalTokens()).isNull();
    assertThat(fromJson("{\"id\":\"c\",\"usage\":{\"total_tokens\":3").totalTokens()).isNull();
  }

  @Test
  void usageEventSplitAcrossChunksIsRead() {
    UsageTally ex = fromStream("data: {\"choices\":[{\"delta\":{\"content\":\"hi\"}}],\"usage\":null}\n\n",
        "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"compl", "etion_tokens\":4,\"total_tokens\":7}}\n\n",
        "data: [DONE]\n\n");
    assertThat(ex.promptTokens()).isEqualTo(3);
    assertThat(ex.completionTokens()).isEqualTo(4);
    assertThat(ex.totalTokens()).isEqualTo(7);
  }

  @Test
  void anthropicStreamReportsInputAtTheStartAndOutputAtTheEndAndBothAreKept() {
    UsageTally ex = fromStream(AnthropicUsageReader::read,
        "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"content\":[],"
            + "\"usage\":{\"input_tokens\":25,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":100,"
            + "\"output_tokens\":1}}}\n\n",
        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
            + "\"delta\":{\"type\":\"text_delta\",\"text\":\"the usage: none\"}}\n\n",
        "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},"
            + "\"usage\":{\"output_tokens\":15}}\n\n",
        "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
    assertThat(ex.promptTokens()).isEqualTo(125);
    assertThat(ex.completionTokens()).isEqualTo(15);
    assertThat(ex.totalTokens()).isEqualTo(140);
  }
}
