package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UsageChunkFilterTest {

  private static final String CONTENT = "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}],"
      + "\"usage\":null}\n\n";
  private static final String FINISH = "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{},"
      + "\"finish_reason\":\"stop\"}],\"usage\":null}\n\n";
  private static final String USAGE = "data: {\"id\":\"c1\",\"choices\": [ ],\"usage\":{\"prompt_tokens\":9,"
      + "\"completion_tokens\":2,\"total_tokens\":11}}\n\n";
  private static final String DONE = "data: [DONE]\n\n";

  private static String run(UsageChunkFilter filter, String... chunks) {
    StringBuilder out = new StringBuilder();
    for (String c : chunks) {
      out.append(filter.accept(Buffer.buffer(c)).toString(StandardCharsets.UTF_8));
    }
    return out.append(filter.end().toString(StandardCharsets.UTF_8)).toString();
  }

  @Test
  void usageOnlyEventIsKeptFromTheClientAndEveryOtherByteGoesThrough() {
    assertThat(run(new UsageChunkFilter(), CONTENT + FINISH + USAGE + DONE)).isEqualTo(CONTENT + FINISH + DONE);
  }

  @Test
  void eventsSplitAtEveryByteComeOutTheSame() {
    String stream = CONTENT + FINISH + USAGE + DONE;
    String[] bytes = stream.split("");
    assertThat(run(new UsageChunkFilter(), bytes)).isEqualTo(CONTENT + FINISH + DONE);
  }

  @Test
  void chunkWithUsageInsideAContentStringIsNotMistakenForTheUsageEvent() {
    String tricky = "data: {\"choices\":[{\"delta\":{\"content\":\"\\\"choices\\\":[],\\\"usage\\\":{}\"}}]}\n\n";
    assertThat(run(new UsageChunkFilter(), tricky, DONE)).isEqualTo(tricky + DONE);
  }

  @Test
  void crlfDelimitedEventsAreRecognised() {
    String usage = USAGE.replace("\n\n", "\r\n\r\n");
    String content = CONTENT.replace("\n\n", "\r\n\r\n");
    assertThat(run(new UsageChunkFilter(), content + usage)).isEqualTo(content);
  }

  @Test
  void unterminatedLastEventIsWrittenAsItCame() {
    assertThat(run(new UsageChunkFilter(), CONTENT, "data: {\"partial\":")).isEqualTo(CONTENT + "data: {\"partial\":");
  }
}
