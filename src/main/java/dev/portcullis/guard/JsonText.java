package dev.portcullis.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSON a text holds, as Portkey's JSON checks find it: the whole text, else the first fenced code block
 * ({@code ```json ... ```}), else the span from the first {@code {} to the last {@code }}.
 */
final class JsonText {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern FENCE = Pattern.compile("```(?:json)?\\s*\\n?([\\s\\S]*?)```");

  private JsonText() {}

  /** The JSON value in {@code text}, or null when there is none. */
  static JsonNode find(String text) {
    JsonNode whole = parse(text.strip());
    if (whole != null) {
      return whole;
    }
    Matcher fence = FENCE.matcher(text);
    if (text.contains("```") && fence.find()) {
      JsonNode fenced = parse(fence.group(1).strip());
      if (fenced != null) {
        return fenced;
      }
    }
    int open = text.indexOf('{');
    int close = text.lastIndexOf('}');
    return open >= 0 && close > open ? parse(text.substring(open, close + 1)) : null;
  }

  private static JsonNode parse(String candidate) {
    if (candidate.isEmpty() || (candidate.charAt(0) != '{' && candidate.charAt(0) != '[')) {
      return null;
    }
    try {
      return JSON.readTree(candidate);
    } catch (IOException e) {
      return null;
    }
  }
}
