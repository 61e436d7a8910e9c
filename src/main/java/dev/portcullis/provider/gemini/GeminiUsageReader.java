package dev.portcullis.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.model.Usage;

/**
 * {@code usageMetadata} in OpenAI's terms. Gemini's prompt count already includes cached tokens (as OpenAI's does),
 * and tokens of tool-use prompts are added to it; completion is candidates plus thoughts, thoughts being the
 * reasoning tokens. Gemini leaves out counts that are zero, so a missing headline count reads as 0, while a missing
 * cached or thoughts count stays unknown.
 */
final class GeminiUsageReader {

  private GeminiUsageReader() {}

  /** The usage, or null when the answer has no {@code usageMetadata}. */
  static Usage read(JsonNode usage) {
    if (usage == null || !usage.isObject()) {
      return null;
    }
    int prompt = usage.path("promptTokenCount").asInt(0) + usage.path("toolUsePromptTokenCount").asInt(0);
    Integer thoughts = count(usage, "thoughtsTokenCount");
    int completion = usage.path("candidatesTokenCount").asInt(0) + (thoughts == null ? 0 : thoughts);
    int total = usage.has("totalTokenCount") ? usage.get("totalTokenCount").asInt() : prompt + completion;
    return new Usage(prompt, completion, total, count(usage, "cachedContentTokenCount"), null, thoughts,
        modality(usage.get("promptTokensDetails"), "AUDIO"), modality(usage.get("candidatesTokensDetails"), "AUDIO"),
        null, null);
  }

  private static Integer count(JsonNode usage, String field) {
    JsonNode value = usage.get(field);
    return value == null || !value.canConvertToInt() ? null : value.intValue();
  }

  /** The tokens of one modality in a {@code [{modality, tokenCount}]} breakdown, or null when not listed. */
  private static Integer modality(JsonNode details, String modality) {
    if (details == null || !details.isArray()) {
      return null;
    }
    for (JsonNode detail : details) {
      if (modality.equals(detail.path("modality").asText())) {
        return detail.path("tokenCount").asInt(0);
      }
    }
    return null;
  }
}
