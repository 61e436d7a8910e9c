package dev.portcullis.prompt;

import dev.portcullis.error.GatewayException;

/**
 * How an inference call names a prompt: {@code id}, {@code slug}, {@code slug@7} (a version) or
 * {@code slug@production} (a label). Without a version or label, the {@code production} label is used when the prompt
 * has one, else its newest version.
 *
 * @param prompt the id or slug
 * @param version the version asked for, or null
 * @param label the label asked for, or null
 */
public record PromptRef(String text, String prompt, Integer version, String label) {

  public static final String DEFAULT_LABEL = "production";

  public static PromptRef parse(String text) {
    int at = text.lastIndexOf('@');
    if (at < 0) {
      return new PromptRef(text, text, null, null);
    }
    String prompt = text.substring(0, at);
    String suffix = text.substring(at + 1);
    if (prompt.isEmpty() || suffix.isEmpty()) {
      throw GatewayException.badRequest("prompt '" + text + "' (expected: an id or slug, optionally followed by "
          + "@version or @label, e.g. 'support-reply@3' or 'support-reply@production')");
    }
    if (suffix.chars().allMatch(Character::isDigit) && suffix.length() < 10) {
      return new PromptRef(text, prompt, Integer.parseInt(suffix), null);
    }
    return new PromptRef(text, prompt, null, suffix);
  }

  @Override
  public String toString() {
    return text;
  }
}
