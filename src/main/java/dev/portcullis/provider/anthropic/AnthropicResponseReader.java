package dev.portcullis.provider.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.portcullis.model.ChatResponse;
import dev.portcullis.model.Choice;
import dev.portcullis.model.ContentPart;
import dev.portcullis.model.Message;
import dev.portcullis.model.Role;
import dev.portcullis.model.ToolCall;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a Messages API answer as one OpenAI choice: text blocks joined into the content, {@code tool_use} blocks as
 * tool calls (input written back as JSON text), thinking as {@code reasoning_content} with the blocks themselves
 * (signatures included) kept in the message's {@code thinking_blocks}, so a client can send them back on its next
 * turn. Block types the model cannot express (server tool results, citations) are left out.
 */
final class AnthropicResponseReader {

  private AnthropicResponseReader() {}

  static ChatResponse read(Buffer body, String providerId, long created) {
    JsonNode root;
    try {
      root = AnthropicJson.MAPPER.readTree(body.getBytes());
    } catch (IOException e) {
      throw AnthropicJson.malformed(providerId, "a body that is not JSON (expected: a Messages API message)");
    }
    if (root == null || !root.isObject() || !root.path("content").isArray() || !root.path("id").isTextual()
        || !root.path("model").isTextual()) {
      throw AnthropicJson.malformed(providerId,
          "a body without id, model or content (expected: a Messages API message)");
    }
    StringBuilder text = null;
    StringBuilder reasoning = null;
    List<ToolCall> calls = new ArrayList<>(0);
    ArrayNode thinking = null;
    for (JsonNode block : root.get("content")) {
      switch (block.path("type").asText()) {
        case "text" -> text = append(text, block.path("text").asText());
        case "thinking", "redacted_thinking" -> {
          if (block.has("thinking")) {
            reasoning = append(reasoning, block.get("thinking").asText());
          }
          thinking = thinking == null ? AnthropicJson.MAPPER.createArrayNode() : thinking;
          thinking.add(block);
        }
        case "tool_use" -> calls.add(toolCall(block, providerId));
        default -> { }
      }
    }
    Message message = new Message(Role.ASSISTANT,
        text == null ? List.of() : List.of(new ContentPart.Text(text.toString())),
        text == null ? Message.ContentForm.PARTS : Message.ContentForm.STRING,
        null, calls, null, reasoning == null ? null : reasoning.toString(), null,
        thinking == null ? Map.of() : Map.of(AnthropicMessageWriter.THINKING_BLOCKS, thinking));
    String stopReason = root.path("stop_reason").isTextual() ? root.get("stop_reason").asText() : null;
    return new ChatResponse(root.get("id").asText(), root.get("model").asText(), created,
        List.of(new Choice(0, message, AnthropicChatCodec.finishReason(stopReason), null)),
        AnthropicUsage.NONE.merge(root.get("usage")).toUsage(), null, null, Map.of());
  }

  private static StringBuilder append(StringBuilder to, String text) {
    return to == null ? new StringBuilder(text) : to.append(text);
  }

  private static ToolCall toolCall(JsonNode block, String providerId) {
    if (!block.path("id").isTextual() || !block.path("name").isTextual()) {
      throw AnthropicJson.malformed(providerId, "a tool_use block without id or name");
    }
    JsonNode input = block.get("input");
    try {
      return new ToolCall(block.get("id").asText(), block.get("name").asText(),
          input == null || input.isNull() ? "{}" : AnthropicJson.MAPPER.writeValueAsString(input));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("writing a JSON tree cannot fail", e);
    }
  }
}
