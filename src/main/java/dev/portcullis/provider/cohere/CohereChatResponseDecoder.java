package dev.portcullis.provider.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.model.ChatResponse;
import dev.portcullis.model.Choice;
import dev.portcullis.model.ContentPart;
import dev.portcullis.model.Message;
import dev.portcullis.model.Role;
import dev.portcullis.model.ToolCall;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads Cohere's chat answer ({@code {"id","finish_reason","message":{...},"usage"}}) as one OpenAI choice: text
 * content joined, thinking content and the {@code tool_plan} as {@code reasoning_content}, tool calls as they are,
 * and citations kept on the message under {@code citations}. Cohere names no model and no creation time, so the
 * model is the one the call was sent to and the time is the gateway's.
 */
final class CohereChatResponseDecoder {

  private CohereChatResponseDecoder() {}

  static ChatResponse decode(Buffer body, String model, long created) {
    ObjectNode root = CohereJson.readObject(body, "chat response");
    JsonNode message = root.get("message");
    if (message == null || !message.isObject()) {
      throw CohereJson.invalid("chat response has no message object");
    }
    String id = CohereJson.text(root, "id");
    Choice choice = new Choice(0, message(message), CohereFinishReasons.of(CohereJson.text(root, "finish_reason")),
        null);
    return new ChatResponse(id != null ? id : CohereStreamDecoder.newId(), model, created, List.of(choice),
        CohereUsageReader.read(root.get("usage")), null, null, Map.of());
  }

  private static Message message(JsonNode message) {
    StringBuilder text = null;
    StringBuilder reasoning = null;
    for (JsonNode part : message.path("content")) {
      String type = CohereJson.text(part, "type");
      if ("text".equals(type) && CohereJson.text(part, "text") != null) {
        text = append(text, CohereJson.text(part, "text"));
      } else if ("thinking".equals(type) && CohereJson.text(part, "thinking") != null) {
        reasoning = append(reasoning, CohereJson.text(part, "thinking"));
      }
    }
    String plan = CohereJson.text(message, "tool_plan");
    if (plan != null && !plan.isEmpty()) {
      reasoning = reasoning == null ? new StringBuilder(plan) : reasoning.append("\n\n").append(plan);
    }
    List<ContentPart> content = text == null ? List.of() : List.of(new ContentPart.Text(text.toString()));
    JsonNode citations = message.get("citations");
    Map<String, JsonNode> extra = citations != null && citations.isArray() && !citations.isEmpty()
        ? Map.of("citations", citations) : Map.of();
    return new Message(Role.ASSISTANT, content,
        text == null ? Message.ContentForm.PARTS : Message.ContentForm.STRING, null, toolCalls(message), null,
        reasoning == null ? null : reasoning.toString(), null, extra);
  }

  private static List<ToolCall> toolCalls(JsonNode message) {
    JsonNode calls = message.get("tool_calls");
    if (calls == null || !calls.isArray()) {
      return List.of();
    }
    List<ToolCall> out = new ArrayList<>(calls.size());
    for (int i = 0; i < calls.size(); i++) {
      JsonNode call = calls.get(i);
      String id = CohereJson.text(call, "id");
      String name = CohereJson.text(call.path("function"), "name");
      if (id == null || name == null) {
        throw CohereJson.invalid("message.tool_calls[" + i + "] has no " + (id == null ? "id" : "function.name"));
      }
      String arguments = CohereJson.text(call.path("function"), "arguments");
      out.add(new ToolCall(id, name, arguments != null ? arguments : "{}"));
    }
    return out;
  }

  private static StringBuilder append(StringBuilder to, String text) {
    return to == null ? new StringBuilder(text) : to.append(text);
  }
}
