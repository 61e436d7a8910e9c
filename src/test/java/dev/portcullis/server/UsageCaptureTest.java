package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

class UsageCaptureTest {

  private static Exchange fromJson(String body) {
    Exchange ex = new Exchange("POST", "/v1/chat/completions");
    UsageCapture.fromJson(Buffer.buffer(body), ex);
    return ex;
  }

  private static Exchange fromStream(String... chunks) {
    Exchange ex = new Exchange("POST", "/v1/chat/completions");
    UsageCapture capture = new UsageCapture(ex);
    for (String chunk : chunks) {
      capture.accept(Buffer.buffer(chunk));
    }
    return ex;
  }

  @Test
  void usageAtTheEndOfAnAnswerIsRead() {
    Exchange ex = fromJson("{\"id\":\"c\",\"choices\":[{\"message\":{\"content\":\"the \\\"usage\\\": {\\\"total_tokens\\\": 999}\"}}],"
        + "\"usage\" : {\"prompt_tokens\":7,\"completion_tokens\":5,\"total_tokens\":12,"
        + "\"prompt_tokens_details\":{\"cached_tokens\":2}},\"system_fingerprint\":\"fp\"}");
    assertThat(ex.promptTokens).isEqualTo(7);
    assertThat(ex.completionTokens).isEqualTo(5);
    assertThat(ex.totalTokens).isEqualTo(12);
  }

  @Test
  void answerWithoutUsageOrWithNullUsageLeavesTokensUnknown() {
    assertThat(fromJson("{\"id\":\"c\",\"choices\":[]}").totalTokens).isNull();
    assertThat(fromJson("{\"id\":\"c\",\"usage\":null}").totalTokens).isNull();
    assertThat(fromJson("{\"id\":\"c\",\"usage\":{\"total_tokens\":3").totalTokens).isNull();
  }

  @Test
  void usageEventSplitAcrossChunksIsRead() {
    Exchange ex = fromStream("data: {\"choices\":[{\"delta\":{\"content\":\"hi\"}}],\"usage\":null}\n\n",
        "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"compl", "etion_tokens\":4,\"total_tokens\":7}}\n\n",
        "data: [DONE]\n\n");
    assertThat(ex.promptTokens).isEqualTo(3);
    assertThat(ex.completionTokens).isEqualTo(4);
    assertThat(ex.totalTokens).isEqualTo(7);
  }
}
