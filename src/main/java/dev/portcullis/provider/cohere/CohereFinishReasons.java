package dev.portcullis.provider.cohere;

import dev.portcullis.model.FinishReason;
import java.util.Map;

/**
 * Cohere's {@code finish_reason} in OpenAI's words. {@code ERROR}, {@code TIMEOUT} and any reason Cohere adds later
 * have no OpenAI counterpart and are kept verbatim.
 */
final class CohereFinishReasons {

  private static final Map<String, FinishReason> TABLE = Map.of(
      "COMPLETE", FinishReason.STOP,
      "STOP_SEQUENCE", FinishReason.STOP,
      "MAX_TOKENS", FinishReason.LENGTH,
      "TOOL_CALL", FinishReason.TOOL_CALLS);

  private CohereFinishReasons() {}

  /** The reason, or null when Cohere gave none. */
  static FinishReason of(String cohere) {
    if (cohere == null) {
      return null;
    }
    FinishReason mapped = TABLE.get(cohere);
    return mapped != null ? mapped : FinishReason.of(cohere);
  }
}
