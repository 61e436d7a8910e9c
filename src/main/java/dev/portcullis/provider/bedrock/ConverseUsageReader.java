package dev.portcullis.provider.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.model.Usage;

/**
 * Reads Converse's {@code usage} ({@code inputTokens}, {@code outputTokens}, {@code totalTokens},
 * {@code cacheReadInputTokens}, {@code cacheWriteInputTokens}). Bedrock counts cache reads and writes apart from
 * {@code inputTokens}, as Anthropic does; OpenAI's {@code prompt_tokens} includes them, so the prompt count is
 * their sum and the total is prompt plus completion.
 */
final class ConverseUsageReader {

  private ConverseUsageReader() {}

  /** The usage, or null when the node is missing. */
  static Usage read(JsonNode usage) {
    if (usage == null || !usage.isObject()) {
      return null;
    }
    Integer input = count(usage, "inputTokens");
    Integer output = count(usage, "outputTokens");
    Integer cacheRead = count(usage, "cacheReadInputTokens");
    Integer cacheWrite = count(usage, "cacheWriteInputTokens");
    Integer prompt = input == null ? null : input + zeroIfNull(cacheRead) + zeroIfNull(cacheWrite);
    Integer total = prompt != null && output != null ? Integer.valueOf(prompt + output) : count(usage, "totalTokens");
    return new Usage(prompt, output, total, cacheRead, cacheWrite, null, null, null, null, null);
  }

  private static int zeroIfNull(Integer value) {
    return value == null ? 0 : value;
  }

  private static Integer count(JsonNode usage, String field) {
    JsonNode v = usage.get(field);
    return v != null && v.canConvertToInt() ? v.intValue() : null;
  }
}
