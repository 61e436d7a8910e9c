package dev.portcullis.policy;

/**
 * What one call consumed, as the cost of it is computed from. Counts the provider did not report are null.
 *
 * @param promptTokens input tokens, cached ones included
 * @param cachedTokens input tokens read from the provider's prompt cache (part of {@code promptTokens})
 * @param cacheWriteTokens input tokens written to the provider's prompt cache (part of {@code promptTokens})
 * @param completionTokens output tokens, reasoning ones included
 * @param reasoningTokens output tokens spent reasoning (part of {@code completionTokens})
 * @param images images generated
 * @param audioSeconds seconds of audio transcribed or spoken
 */
public record Consumption(
    Integer promptTokens,
    Integer cachedTokens,
    Integer cacheWriteTokens,
    Integer completionTokens,
    Integer reasoningTokens,
    Integer images,
    Double audioSeconds) {

  /** Token counts only. */
  public static Consumption tokens(Integer prompt, Integer cached, Integer cacheWrite, Integer completion,
      Integer reasoning) {
    return new Consumption(prompt, cached, cacheWrite, completion, reasoning, null, null);
  }
}
