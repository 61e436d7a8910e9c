package dev.portcullis.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.error.GatewayException;
import dev.portcullis.model.ContentPart;
import dev.portcullis.model.Message;
import dev.portcullis.model.Role;
import dev.portcullis.model.ToolCall;
import java.util.List;

/**
 * The conversation as Gemini {@code contents} and {@code systemInstruction}: system and developer messages, wherever
 * they stand, become the parts of the one system instruction; user turns keep role {@code user}; assistant turns
 * become role {@code model} with their text and {@code functionCall} parts; tool messages become
 * {@code functionResponse} parts, the run of tool messages after one assistant turn sharing one {@code user} turn,
 * as Gemini expects the answers to parallel calls together.
 *
 * @param systemInstruction the system instruction, or null when there is none
 * @param contents the turns
 */
record GeminiContentsEncoder(ObjectNode systemInstruction, ArrayNode contents) {

  /**
   * What Gemini 3 accepts in place of a thought signature on a function call it did not make (documented by Google
   * for calls moved from another model or written by the client).
   */
  static final String SKIP_SIGNATURE = "skip_thought_signature_validator";

  /**
   * @throws GatewayException.BadRequest naming the message field Gemini cannot take
   */
  static GeminiContentsEncoder encode(List<Message> messages, String model) {
    ArrayNode system = null;
    ArrayNode contents = GeminiJson.MAPPER.createArrayNode();
    ArrayNode toolTurn = null;
    for (int i = 0; i < messages.size(); i++) {
      Message message = messages.get(i);
      String param = "messages[" + i + "]";
      switch (message.role()) {
        case SYSTEM, DEVELOPER -> {
          system = system == null ? GeminiJson.MAPPER.createArrayNode() : system;
          systemParts(message, param, system);
        }
        case USER -> {
          toolTurn = null;
          contents.add(turn("user", userParts(message, param)));
        }
        case ASSISTANT -> {
          toolTurn = null;
          ArrayNode parts = modelParts(message, param, model);
          if (!parts.isEmpty()) {
            contents.add(turn("model", parts));
          }
        }
        case TOOL -> {
          if (toolTurn == null) {
            toolTurn = GeminiJson.MAPPER.createArrayNode();
            contents.add(turn("user", toolTurn));
          }
          toolTurn.add(functionResponse(messages, i, param));
        }
      }
    }
    ObjectNode instruction = null;
    if (system != null) {
      instruction = GeminiJson.object();
      instruction.set("parts", system);
    }
    return new GeminiContentsEncoder(instruction, contents);
  }

  private static ObjectNode turn(String role, ArrayNode parts) {
    ObjectNode turn = GeminiJson.object().put("role", role);
    turn.set("parts", parts);
    return turn;
  }

  private static void systemParts(Message message, String param, ArrayNode parts) {
    List<ContentPart> content = message.content();
    for (int j = 0; j < content.size(); j++) {
      if (!(content.get(j) instanceof ContentPart.Text(String text))) {
        String at = param + ".content[" + j + "]";
        throw GatewayException.badRequest(at + ": " + content.get(j).getClass().getSimpleName().toLowerCase(
            java.util.Locale.ROOT) + " in a " + message.role().name().toLowerCase(java.util.Locale.ROOT)
            + " message (expected: text only; Gemini's system instruction holds text)", at);
      }
      parts.add(GeminiJson.object().put("text", text));
    }
  }

  private static ArrayNode userParts(Message message, String param) {
    ArrayNode parts = GeminiJson.MAPPER.createArrayNode();
    List<ContentPart> content = message.content();
    for (int j = 0; j < content.size(); j++) {
      ContentPart part = content.get(j);
      parts.add(part instanceof ContentPart.Text(String text) ? GeminiJson.object().put("text", text)
          : GeminiMediaPart.of(part, param + ".content[" + j + "]"));
    }
    return parts;
  }

  private static ArrayNode modelParts(Message message, String param, String model) {
    ArrayNode parts = GeminiJson.MAPPER.createArrayNode();
    String text = message.text();
    if (text != null && !text.isEmpty()) {
      parts.add(GeminiJson.object().put("text", text));
    }
    List<ToolCall> calls = message.toolCalls();
    for (int k = 0; k < calls.size(); k++) {
      ToolCall call = calls.get(k);
      ObjectNode part = GeminiJson.object();
      ObjectNode functionCall = part.putObject("functionCall").put("name", call.name());
      functionCall.set("args", arguments(call.arguments(), param + ".tool_calls[" + k + "].function.arguments"));
      String signature = GeminiToolCallId.decode(call.id()).signature();
      if (signature != null) {
        part.put("thoughtSignature", signature);
      } else if (k == 0 && GeminiGeneration.atLeastThree(model)) {
        part.put("thoughtSignature", SKIP_SIGNATURE);
      }
      parts.add(part);
    }
    return parts;
  }

  private static JsonNode arguments(String arguments, String param) {
    if (arguments.isBlank()) {
      return GeminiJson.object();
    }
    JsonNode args = GeminiJson.readOrNull(arguments);
    if (args == null || !args.isObject()) {
      throw GatewayException.badRequest(param + ": not a JSON object (expected: the arguments as a JSON object text; "
          + "Gemini takes function arguments as an object)", param);
    }
    return args;
  }

  /** A tool message as {@code functionResponse}: named by the earlier call it answers, its content as an object. */
  private static ObjectNode functionResponse(List<Message> messages, int index, String param) {
    Message message = messages.get(index);
    String name = callName(messages, index, message);
    if (name == null) {
      throw GatewayException.badRequest(param + ".tool_call_id: '" + message.toolCallId() + "' answers no earlier "
          + "assistant tool call (expected: the id of a tool call in an assistant message before it; Gemini needs the "
          + "function's name)", param + ".tool_call_id");
    }
    String text = message.text() == null ? "" : message.text();
    JsonNode value = GeminiJson.readOrNull(text);
    ObjectNode response;
    if (value != null && value.isObject()) {
      response = (ObjectNode) value;
    } else {
      response = GeminiJson.object();
      response.set("output", value != null && !value.isMissingNode() ? value : GeminiJson.MAPPER.getNodeFactory()
          .textNode(text));
    }
    ObjectNode part = GeminiJson.object();
    ObjectNode functionResponse = part.putObject("functionResponse").put("name", name);
    functionResponse.set("response", response);
    return part;
  }

  /** The function name of the call a tool message answers: the nearest earlier call with its id. */
  private static String callName(List<Message> messages, int index, Message tool) {
    if (tool.toolCallId() != null) {
      for (int i = index - 1; i >= 0; i--) {
        Message earlier = messages.get(i);
        if (earlier.role() == Role.ASSISTANT) {
          for (ToolCall call : earlier.toolCalls()) {
            if (call.id().equals(tool.toolCallId())) {
              return call.name();
            }
          }
        }
      }
    }
    return tool.name();
  }
}
