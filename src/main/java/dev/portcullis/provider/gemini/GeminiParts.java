package dev.portcullis.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.model.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * What one candidate's {@code content.parts} say, sorted the OpenAI way: answer text, thought text (parts marked
 * {@code thought: true}) and function calls. Parts of other kinds (inline images, executable code) are not read.
 *
 * @param text the answer text joined, or null when there is none
 * @param thoughts the thought summaries joined, or null when there are none
 * @param calls the function calls, with ids carrying their thought signatures
 */
record GeminiParts(String text, String thoughts, List<ToolCall> calls) {

  private static final GeminiParts NONE = new GeminiParts(null, null, List.of());

  /**
   * @param nextCall numbers the calls Gemini gave no id, across the whole answer
   * @throws dev.portcullis.error.GatewayException.UpstreamError (502) for a function call without a name
   */
  static GeminiParts read(JsonNode candidate, IntSupplier nextCall, String providerId) {
    JsonNode parts = candidate.path("content").path("parts");
    if (!parts.isArray() || parts.isEmpty()) {
      return NONE;
    }
    StringBuilder text = null;
    StringBuilder thoughts = null;
    List<ToolCall> calls = List.of();
    for (JsonNode part : parts) {
      JsonNode call = part.get("functionCall");
      if (call != null) {
        calls = calls.isEmpty() ? new ArrayList<>(2) : calls;
        calls.add(toolCall(call, part.path("thoughtSignature").textValue(), nextCall, providerId));
      } else if (part.path("text").isTextual() && !part.get("text").asText().isEmpty()) {
        String value = part.get("text").asText();
        if (part.path("thought").asBoolean(false)) {
          thoughts = thoughts == null ? new StringBuilder(value) : thoughts.append(value);
        } else {
          text = text == null ? new StringBuilder(value) : text.append(value);
        }
      }
    }
    return new GeminiParts(text == null ? null : text.toString(), thoughts == null ? null : thoughts.toString(),
        calls);
  }

  private static ToolCall toolCall(JsonNode call, String signature, IntSupplier nextCall, String providerId) {
    String name = call.path("name").textValue();
    if (name == null || name.isEmpty()) {
      throw GeminiJson.invalid(providerId, "functionCall without a name");
    }
    String id = call.path("id").textValue();
    if (id == null || id.isEmpty()) {
      id = "call_" + nextCall.getAsInt();
    }
    JsonNode args = call.get("args");
    String arguments = args == null || args.isNull() ? "{}" : args.toString();
    return new ToolCall(new GeminiToolCallId(id, signature).encode(), name, arguments);
  }
}
