package dev.portcullis.provider.bedrock;

import dev.portcullis.model.FinishReason;
import java.util.Map;

/** Converse's {@code stopReason} values in OpenAI's vocabulary; an unknown one is kept as Bedrock wrote it. */
final class ConverseStopReasons {

  private static final Map<String, FinishReason> REASONS = Map.of(
      "end_turn", FinishReason.STOP,
      "stop_sequence", FinishReason.STOP,
      "max_tokens", FinishReason.LENGTH,
      "model_context_window_exceeded", FinishReason.LENGTH,
      "tool_use", FinishReason.TOOL_CALLS,
      "guardrail_intervened", FinishReason.CONTENT_FILTER,
      "content_filtered", FinishReason.CONTENT_FILTER);

  private ConverseStopReasons() {}

  /** The finish reason, or null when Bedrock gave none. */
  static FinishReason of(String stopReason) {
    if (stopReason == null) {
      return null;
    }
    FinishReason known = REASONS.get(stopReason);
    return known != null ? known : FinishReason.of(stopReason);
  }
}
