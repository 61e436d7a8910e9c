package dev.portcullis.model;

/**
 * Token counts of one call. Every count is null when the provider did not report it, which is not the same as 0.
 *
 * @param promptTokens input tokens, cached ones included
 * @param completionTokens output tokens, reasoning ones included
 * @param totalTokens prompt plus completion, as the provider reported it
 * @param cachedTokens input tokens read from the provider's prompt cache (part of {@code promptTokens})
 * @param cacheCreationTokens input tokens written to the provider's prompt cache (Anthropic)
 * @param reasoningTokens output tokens spent thinking (part of {@code completionTokens})
 * @param promptAudioTokens audio input tokens (part of {@code promptTokens})
 * @param completionAudioTokens audio output tokens (part of {@code completionTokens})
 * @param acceptedPredictionTokens predicted-output tokens that appeared in the answer
 * @param rejectedPredictionTokens predicted-output tokens that did not appear, yet are billed
 */
public record Usage(
    Integer promptTokens,
    Integer completionTokens,
    Integer totalTokens,
    Integer cachedTokens,
    Integer cacheCreationTokens,
    Integer reasoningTokens,
    Integer promptAudioTokens,
    Integer completionAudioTokens,
    Integer acceptedPredictionTokens,
    Integer rejectedPredictionTokens) {

  /** Usage with only the three headline counts known. */
  public static Usage of(Integer promptTokens, Integer completionTokens, Integer totalTokens) {
    return new Usage(promptTokens, completionTokens, totalTokens, null, null, null, null, null, null, null);
  }
}
