package dev.portcullis.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.model.Usage;

/**
 * Anthropic's token counts, in its own terms: {@code input_tokens} excludes prompt-cache reads and writes, which
 * it counts apart. A stream reports them in pieces ({@code message_start}, then {@code message_delta}), so later
 * counts replace earlier ones field by field.
 *
 * @param input uncached input tokens, or null when not reported
 * @param cacheCreation input tokens written to the prompt cache, or null
 * @param cacheRead input tokens read from the prompt cache, or null
 * @param output output tokens (thinking included), or null
 */
record AnthropicUsage(Integer input, Integer cacheCreation, Integer cacheRead, Integer output) {

  static final AnthropicUsage NONE = new AnthropicUsage(null, null, null, null);

  /** This usage with every count {@code usage} (an Anthropic {@code usage} object, or missing) reports replaced. */
  AnthropicUsage merge(JsonNode usage) {
    if (usage == null || !usage.isObject()) {
      return this;
    }
    return new AnthropicUsage(
        count(usage, "input_tokens", input),
        count(usage, "cache_creation_input_tokens", cacheCreation),
        count(usage, "cache_read_input_tokens", cacheRead),
        count(usage, "output_tokens", output));
  }

  /**
   * In OpenAI's terms: prompt tokens include cache reads and writes, cached tokens are the reads, total is prompt
   * plus completion. Null when Anthropic reported nothing.
   */
  Usage toUsage() {
    if (this.equals(NONE)) {
      return null;
    }
    int prompt = zeroIfNull(input) + zeroIfNull(cacheCreation) + zeroIfNull(cacheRead);
    int completion = zeroIfNull(output);
    return new Usage(prompt, completion, prompt + completion, cacheRead, cacheCreation, null, null, null, null, null);
  }

  private static Integer count(JsonNode usage, String field, Integer before) {
    JsonNode value = usage.get(field);
    return value != null && value.canConvertToInt() ? Integer.valueOf(value.intValue()) : before;
  }

  private static int zeroIfNull(Integer count) {
    return count == null ? 0 : count;
  }
}
