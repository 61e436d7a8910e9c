package dev.portcullis.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.model.ChatChunk;
import dev.portcullis.model.ChatResponse;
import dev.portcullis.model.Choice;
import dev.portcullis.model.ChunkChoice;
import dev.portcullis.model.Delta;
import dev.portcullis.model.FinishReason;
import dev.portcullis.model.Message;
import dev.portcullis.model.Role;
import dev.portcullis.model.ToolCall;
import dev.portcullis.model.ToolCallDelta;
import dev.portcullis.model.Usage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A stream put back together is the answer it streamed; a whole answer replayed as chunks puts back to itself. */
class StreamCaptureTest {

  private static ChatChunk chunk(List<ChunkChoice> choices, Usage usage) {
    return new ChatChunk("c1", "m", 7, choices, usage, "fp", null, Map.of());
  }

  private static ChunkChoice delta(String content, FinishReason finish) {
    return new ChunkChoice(0, new Delta(null, content, null, null, List.of()), finish, null);
  }

  @Test
  void aCompleteStreamBecomesTheWholeAnswer() {
    StreamCapture capture = new StreamCapture();
    capture.add(chunk(List.of(new ChunkChoice(0, new Delta(Role.ASSISTANT, "", null, null, List.of()), null, null)),
        null));
    capture.add(chunk(List.of(delta("Par", null)), null));
    capture.add(chunk(List.of(delta("is", null)), null));
    capture.add(chunk(List.of(delta(null, FinishReason.STOP)), null));
    capture.add(chunk(List.of(), Usage.of(5, 2, 7)));

    ChatResponse answer = capture.complete().orElseThrow();

    assertThat(answer.id()).isEqualTo("c1");
    assertThat(answer.systemFingerprint()).isEqualTo("fp");
    assertThat(answer.choices()).singleElement().satisfies(c -> {
      assertThat(c.message().text()).isEqualTo("Paris");
      assertThat(c.message().role()).isEqualTo(Role.ASSISTANT);
      assertThat(c.finishReason()).isEqualTo(FinishReason.STOP);
    });
    assertThat(answer.usage()).isEqualTo(Usage.of(5, 2, 7));
  }

  @Test
  void aStreamWithoutAFinishReasonIsNotComplete() {
    StreamCapture capture = new StreamCapture();
    capture.add(chunk(List.of(delta("Par", null)), null));

    assertThat(capture.complete()).isEmpty();
    assertThat(new StreamCapture().complete()).isEmpty();
  }

  @Test
  void toolCallsArePutBackTogetherFromTheirPieces() {
    StreamCapture capture = new StreamCapture();
    capture.add(chunk(List.of(new ChunkChoice(0, new Delta(Role.ASSISTANT, null, null, null,
        List.of(new ToolCallDelta(0, "call_1", "weather", "{\"ci"))), null, null)), null));
    capture.add(chunk(List.of(new ChunkChoice(0, new Delta(null, null, null, null,
        List.of(new ToolCallDelta(0, null, null, "ty\":\"Paris\"}"))), FinishReason.TOOL_CALLS, null)), null));

    Message message = capture.complete().orElseThrow().choices().getFirst().message();

    assertThat(message.toolCalls()).containsExactly(new ToolCall("call_1", "weather", "{\"city\":\"Paris\"}"));
    assertThat(message.content()).isEmpty();
  }

  @Test
  void aReplayedAnswerCapturedAgainIsTheSameAnswer() {
    Message message = new Message(Role.ASSISTANT, List.of(new dev.portcullis.model.ContentPart.Text("Paris")),
        Message.ContentForm.STRING, null, List.of(new ToolCall("call_1", "f", "{}")), null, "thinking", null,
        Map.of());
    ChatResponse answer = new ChatResponse("c1", "m", 7, List.of(new Choice(0, message, FinishReason.STOP, null)),
        Usage.of(5, 2, 7), "fp", "default", Map.of());
    StreamCapture capture = new StreamCapture();

    StreamReplay.chunks(answer).forEach(capture::add);

    assertThat(capture.complete()).contains(answer);
    assertThat(StreamReplay.chunks(answer).getLast().choices()).isEmpty();
  }
}
