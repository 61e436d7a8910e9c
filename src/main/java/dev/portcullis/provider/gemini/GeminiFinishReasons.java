package dev.portcullis.provider.gemini;

import dev.portcullis.model.FinishReason;
import java.util.Locale;
import java.util.Map;

/**
 * Gemini's {@code finishReason} in OpenAI's words. Reasons with no OpenAI counterpart ({@code LANGUAGE},
 * {@code OTHER}, {@code MALFORMED_FUNCTION_CALL}...) are kept, in lower case.
 */
final class GeminiFinishReasons {

  private static final Map<String, FinishReason> REASONS = Map.ofEntries(
      Map.entry("STOP", FinishReason.STOP),
      Map.entry("MAX_TOKENS", FinishReason.LENGTH),
      Map.entry("SAFETY", FinishReason.CONTENT_FILTER),
      Map.entry("RECITATION", FinishReason.CONTENT_FILTER),
      Map.entry("BLOCKLIST", FinishReason.CONTENT_FILTER),
      Map.entry("PROHIBITED_CONTENT", FinishReason.CONTENT_FILTER),
      Map.entry("SPII", FinishReason.CONTENT_FILTER),
      Map.entry("IMAGE_SAFETY", FinishReason.CONTENT_FILTER),
      Map.entry("IMAGE_PROHIBITED_CONTENT", FinishReason.CONTENT_FILTER),
      Map.entry("IMAGE_RECITATION", FinishReason.CONTENT_FILTER));

  private static final String UNSPECIFIED = "FINISH_REASON_UNSPECIFIED";

  private GeminiFinishReasons() {}

  /**
   * The OpenAI reason, or null when Gemini gave none.
   *
   * @param calledTools whether the candidate called functions: Gemini says {@code STOP} then, OpenAI
   *     {@code tool_calls}
   */
  static FinishReason of(String reason, boolean calledTools) {
    if (reason == null || reason.isEmpty() || reason.equals(UNSPECIFIED)) {
      return null;
    }
    FinishReason known = REASONS.get(reason);
    if (known == FinishReason.STOP && calledTools) {
      return FinishReason.TOOL_CALLS;
    }
    return known != null ? known : FinishReason.of(reason.toLowerCase(Locale.ROOT));
  }
}
