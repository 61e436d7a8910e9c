package dev.portcullis.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.model.Usage;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenAiUsageReaderTest {

  @Test
  void readsUsageWithDetailsFromACompleteBody() {
    assertThat(OpenAiUsageReader.read(Fixtures.bytes("chat-response-tool-calls.json")))
        .isEqualTo(new Usage(1117, 174, 1291, 1024, null, 128, 0, 0, 0, 0));
  }

  @Test
  void chunkWithNullUsageHasNone() {
    List<String> transcript = Fixtures.ssePayloads("chat-stream-tool-calls.sse");

    assertThat(transcript.getFirst()).contains("\"usage\":null");
    assertThat(OpenAiUsageReader.read(bytes(transcript.getFirst()))).isNull();
  }

  @Test
  void chunkWithUsageHasIt() {
    List<String> transcript = Fixtures.ssePayloads("chat-stream-tool-calls.sse");

    assertThat(OpenAiUsageReader.read(bytes(transcript.get(transcript.size() - 2))))
        .isEqualTo(new Usage(73, 44, 117, 0, null, 0, 0, 0, 0, 0));
  }

  @Test
  void chunkWithoutAUsageFieldHasNone() {
    assertThat(OpenAiUsageReader.read(bytes("{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}")))
        .isNull();
  }

  @Test
  void onlyTheTopLevelUsageCounts() {
    String body = """
        {"id": "chatcmpl-1",
         "choices": [{"index": 0, "message": {"role": "assistant", "content": "{\\"usage\\": 1}",
                      "metadata": {"usage": {"prompt_tokens": 999, "completion_tokens": 999, "total_tokens": 1998}}}}],
         "tool_report": {"usage": {"prompt_tokens": 5, "completion_tokens": 5, "total_tokens": 10}},
         "usage": {"prompt_tokens": 9, "completion_tokens": 12, "total_tokens": 21},
         "trailer": {"usage": {"prompt_tokens": 7}}}""";

    assertThat(OpenAiUsageReader.read(bytes(body))).isEqualTo(Usage.of(9, 12, 21));
  }

  @Test
  void usageNestedOnlyInsideOtherObjectsIsNone() {
    String body = """
        {"id": "chatcmpl-1", "choices": [{"message": {"usage": {"prompt_tokens": 999}}}],
         "details": {"usage": {"prompt_tokens": 5, "completion_tokens": 5, "total_tokens": 10}}}""";

    assertThat(OpenAiUsageReader.read(bytes(body))).isNull();
  }

  @Test
  void readsInPlaceFromASliceOfABuffer() {
    String chunk = "{\"id\":\"c\",\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":4,\"total_tokens\":7}}";
    Buffer frame = Buffer.buffer("data: " + chunk + "\n\n");

    assertThat(OpenAiUsageReader.read(frame.slice(6, 6 + chunk.length()))).isEqualTo(Usage.of(3, 4, 7));
  }

  @Test
  void countsThatAreNotIntegersAreUnknown() {
    String body = "{\"usage\":{\"prompt_tokens\":\"9\",\"completion_tokens\":1.5,\"total_tokens\":{\"n\":1},"
        + "\"prompt_tokens_details\":null,\"completion_tokens_details\":{\"reasoning_tokens\":[2]}}}";

    assertThat(OpenAiUsageReader.read(bytes(body))).isEqualTo(Usage.of(null, null, null));
  }

  @Test
  void inputThatIsNotAJsonObjectHasNoUsage() {
    assertThat(OpenAiUsageReader.read(bytes(OpenAiChunkDecoder.DONE_PAYLOAD))).isNull();
    assertThat(OpenAiUsageReader.read(bytes("[{\"usage\":{\"prompt_tokens\":1}}]"))).isNull();
    assertThat(OpenAiUsageReader.read(bytes("{\"choices\": [tru"))).isNull();
    assertThat(OpenAiUsageReader.read(new byte[0])).isNull();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
