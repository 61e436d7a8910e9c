package dev.portcullis.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * Which part of a chat request semantic matching compares: the text of the last user message. Everything else (the
 * system prompt, earlier turns, the model and parameters) stays in the exact part of the key. Requests with tools or
 * more than one choice ({@code n > 1}), and last user messages with anything but text, are matched exactly only.
 * Works on OpenAI's and Anthropic's request bodies alike: both keep the conversation in {@code messages}.
 */
final class SemanticQuestions {

  private SemanticQuestions() {}

  /** The body with the last user message's content emptied, and that content's text; empty when it does not apply. */
  static Optional<Split> split(ObjectNode body) {
    JsonNode tools = body.get("tools");
    if (tools != null && tools.isArray() && !tools.isEmpty()) {
      return Optional.empty();
    }
    JsonNode n = body.get("n");
    if (n != null && n.canConvertToInt() && n.asInt() > 1) {
      return Optional.empty();
    }
    JsonNode messages = body.get("messages");
    if (messages == null || !messages.isArray()) {
      return Optional.empty();
    }
    for (int i = messages.size() - 1; i >= 0; i--) {
      JsonNode m = messages.get(i);
      if (m.isObject() && "user".equals(m.path("role").asText())) {
        String text = text(m.get("content"));
        if (text == null || text.isBlank()) {
          return Optional.empty();
        }
        ObjectNode rest = body.deepCopy();
        ((ObjectNode) rest.withArray("messages").get(i)).put("content", "");
        return Optional.of(new Split(rest, text.strip()));
      }
    }
    return Optional.empty();
  }

  /** The body without the question, and the question. */
  record Split(ObjectNode rest, String text) {}

  /** A string, or the joined texts of a list of parts that are all text; else null. */
  private static String text(JsonNode content) {
    if (content == null) {
      return null;
    }
    if (content.isTextual()) {
      return content.asText();
    }
    if (!content.isArray()) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    for (JsonNode part : content) {
      if (!"text".equals(part.path("type").asText()) || !part.path("text").isTextual()) {
        return null;
      }
      if (!out.isEmpty()) {
        out.append('\n');
      }
      out.append(part.get("text").asText());
    }
    return out.toString();
  }
}
