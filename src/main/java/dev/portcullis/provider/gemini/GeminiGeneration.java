package dev.portcullis.provider.gemini;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which Gemini generation a model id names. Gemini 3 changed two things the translation must follow: thinking is
 * asked for by level instead of token budget, and function calls must come back with their thought signatures.
 */
final class GeminiGeneration {

  private static final Pattern VERSION = Pattern.compile("gemini-(\\d+)");

  private GeminiGeneration() {}

  /** Whether {@code model} is Gemini 3 or later ({@code gemini-3-pro-preview}, {@code gemini-3.1-flash}...). */
  static boolean atLeastThree(String model) {
    Matcher m = VERSION.matcher(model);
    return m.find() && Integer.parseInt(m.group(1)) >= 3;
  }
}
