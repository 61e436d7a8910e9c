package dev.portcullis.api.anthropic;

import dev.portcullis.model.FinishReason;
import java.util.Map;
import java.util.Set;

/**
 * Anthropic's {@code stop_reason} for a canonical finish reason. A reason that is already one of Anthropic's (kept
 * verbatim by a decoder) passes as it is; any other reason reads as {@code end_turn}. The canonical model does not
 * say which stop sequence matched, so {@code stop_sequence} is never chosen.
 */
final class AnthropicStopReasons {

  static final String END_TURN = "end_turn";

  private static final Map<String, String> BY_FINISH_REASON = Map.of(
      FinishReason.STOP.value(), END_TURN,
      FinishReason.LENGTH.value(), "max_tokens",
      FinishReason.TOOL_CALLS.value(), "tool_use",
      FinishReason.FUNCTION_CALL.value(), "tool_use",
      FinishReason.CONTENT_FILTER.value(), "refusal");
  private static final Set<String> ANTHROPIC_REASONS = Set.of(
      "end_turn", "max_tokens", "stop_sequence", "tool_use", "pause_turn", "refusal",
      "model_context_window_exceeded");

  private AnthropicStopReasons() {}

  /** The stop reason for {@code reason}; null when the provider gave none. */
  static String of(FinishReason reason) {
    if (reason == null) {
      return null;
    }
    String mapped = BY_FINISH_REASON.get(reason.value());
    if (mapped != null) {
      return mapped;
    }
    return ANTHROPIC_REASONS.contains(reason.value()) ? reason.value() : END_TURN;
  }
}
