package dev.portcullis.api.anthropic;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.portcullis.model.Usage;
import java.io.IOException;

/**
 * Writes usage the way Anthropic counts it: {@code input_tokens} are only the uncached input, so cache reads and
 * writes (part of the canonical prompt count) are taken out of it and reported in their own fields. Unknown counts
 * are written as 0, as Anthropic always sends numbers.
 */
final class AnthropicUsageWriter {

  private AnthropicUsageWriter() {}

  /** A message's {@code usage}; all zero when {@code usage} is null. */
  static void writeMessageUsage(JsonGenerator generator, Usage usage) throws IOException {
    generator.writeObjectFieldStart("usage");
    writeInput(generator, usage);
    generator.writeNumberField("output_tokens", usage == null ? 0 : orZero(usage.completionTokens()));
    generator.writeEndObject();
  }

  /**
   * A {@code message_delta} event's {@code usage}: the output count, and the input counts when known (Anthropic's
   * SDKs take them from here when the stream's start did not know them).
   */
  static void writeDeltaUsage(JsonGenerator generator, Usage usage) throws IOException {
    generator.writeObjectFieldStart("usage");
    if (usage != null && usage.promptTokens() != null) {
      writeInput(generator, usage);
    }
    generator.writeNumberField("output_tokens", usage == null ? 0 : orZero(usage.completionTokens()));
    generator.writeEndObject();
  }

  private static void writeInput(JsonGenerator generator, Usage usage) throws IOException {
    generator.writeNumberField("input_tokens", usage == null ? 0 : uncachedInput(usage));
    generator.writeNumberField("cache_creation_input_tokens", usage == null ? 0 : orZero(usage.cacheCreationTokens()));
    generator.writeNumberField("cache_read_input_tokens", usage == null ? 0 : orZero(usage.cachedTokens()));
  }

  /** Prompt tokens less cache reads and writes, never below 0. */
  static int uncachedInput(Usage usage) {
    int input = orZero(usage.promptTokens()) - orZero(usage.cachedTokens()) - orZero(usage.cacheCreationTokens());
    return Math.max(0, input);
  }

  private static int orZero(Integer count) {
    return count == null ? 0 : count;
  }
}
