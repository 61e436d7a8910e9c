package dev.portcullis.model;

import java.util.Objects;

/**
 * The cap on generated tokens, remembering which request field set it: OpenAI's reasoning models accept only
 * {@code max_completion_tokens}, while many compatible servers still know only {@code max_tokens}.
 *
 * @param value the number of tokens
 * @param field the field that carried it
 */
public record MaxTokens(int value, Field field) {

  /** The request field a token cap came from. */
  public enum Field {
    /** {@code max_completion_tokens}: counts reasoning tokens too; the current field. */
    MAX_COMPLETION_TOKENS,
    /** {@code max_tokens}: the older field. */
    MAX_TOKENS
  }

  public MaxTokens {
    Objects.requireNonNull(field, "field");
  }

  public static MaxTokens completionTokens(int value) {
    return new MaxTokens(value, Field.MAX_COMPLETION_TOKENS);
  }

  public static MaxTokens legacyMaxTokens(int value) {
    return new MaxTokens(value, Field.MAX_TOKENS);
  }
}
