package dev.portcullis.server;

import dev.portcullis.error.GatewayException;
import dev.portcullis.guard.AnswerTexts;
import dev.portcullis.guard.GuardRunner;
import dev.portcullis.guard.GuardState;
import dev.portcullis.guard.Guardrail;
import dev.portcullis.guard.StreamGuard;
import dev.portcullis.model.ChatChunk;
import dev.portcullis.model.ChatResponse;
import java.util.List;
import java.util.Map;

/**
 * Output guards in the relay's chunk-transform slot: a whole answer is checked (and redacted) at once; a stream
 * chunk by chunk through a {@link StreamGuard}. A deny ends the answer with a 446 (or an error event once the
 * stream has started).
 */
final class GuardTransform implements ChunkTransform {

  private final List<Guardrail> after;
  private final GuardRunner runner;
  private final GuardState state;
  private final String model;
  private final Map<String, String> metadata;
  private StreamGuard stream;

  GuardTransform(List<Guardrail> after, GuardRunner runner, GuardState state, String model,
      Map<String, String> metadata) {
    this.after = after;
    this.runner = runner;
    this.state = state;
    this.model = model;
    this.metadata = metadata;
  }

  @Override
  public List<ChatChunk> chunk(ChatChunk chunk) {
    return List.of(stream().chunk(chunk));
  }

  @Override
  public List<ChatChunk> end() {
    return stream().end();
  }

  @Override
  public ChatResponse whole(ChatResponse response) {
    AnswerTexts texts = new AnswerTexts(response);
    runner.after(after, texts, model, metadata, state);
    if (state.denied()) {
      throw GatewayException.guardrailDenied("the answer was refused by a guardrail (see hook_results)",
          state.hookResults());
    }
    return texts.response();
  }

  private StreamGuard stream() {
    if (stream == null) {
      stream = new StreamGuard(after, state, model, metadata);
    }
    return stream;
  }

  @Override
  public String toString() {
    return "GuardTransform" + after;
  }
}
