package dev.portcullis.wire;

import dev.portcullis.model.Usage;
import java.io.IOException;

/**
 * Writes usage as OpenAI reports it, details included when known. {@link Usage#cacheCreationTokens()} has no
 * OpenAI field and is not written.
 */
final class OpenAiUsageWriter {

  private OpenAiUsageWriter() {}

  static void write(FieldWriter writer, Usage usage) throws IOException {
    writer.startObject("usage");
    writer.number("prompt_tokens", usage.promptTokens());
    writer.number("completion_tokens", usage.completionTokens());
    writer.number("total_tokens", usage.totalTokens());
    if (usage.cachedTokens() != null || usage.promptAudioTokens() != null) {
      writer.startObject("prompt_tokens_details");
      writer.number("cached_tokens", usage.cachedTokens());
      writer.number("audio_tokens", usage.promptAudioTokens());
      writer.endObject();
    }
    if (usage.reasoningTokens() != null
        || usage.completionAudioTokens() != null
        || usage.acceptedPredictionTokens() != null
        || usage.rejectedPredictionTokens() != null) {
      writer.startObject("completion_tokens_details");
      writer.number("reasoning_tokens", usage.reasoningTokens());
      writer.number("audio_tokens", usage.completionAudioTokens());
      writer.number("accepted_prediction_tokens", usage.acceptedPredictionTokens());
      writer.number("rejected_prediction_tokens", usage.rejectedPredictionTokens());
      writer.endObject();
    }
    writer.endObject();
  }
}
