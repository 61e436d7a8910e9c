package dev.portcullis.provider.bedrock;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.portcullis.error.GatewayException;
import dev.portcullis.model.ChatResponse;
import dev.portcullis.model.Choice;
import dev.portcullis.model.ContentPart;
import dev.portcullis.model.Message;
import dev.portcullis.model.Role;
import dev.portcullis.model.ToolCall;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a Converse answer, {@code {"output":{"message":{"role","content":[...]}},"stopReason","usage"}}: text blocks
 * joined into the content, {@code toolUse} blocks as tool calls with their input as JSON text, and
 * {@code reasoningContent} as the reasoning content. Converse answers carry no id; the caller gives one.
 */
final class ConverseResponseReader {

  /** Reads provider JSON with no cap on string length: an answer may be one long text. */
  static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build()).build())
      .build();

  private ConverseResponseReader() {}

  /**
   * @throws GatewayException.UpstreamError (502) when the body is not a Converse answer
   */
  static ChatResponse read(byte[] body, String id, String model, long created) {
    JsonNode root = parse(body, "Converse answer");
    JsonNode message = root.path("output").path("message");
    if (!message.isObject() || !message.path("content").isArray()) {
      throw malformed("Converse answer has no output.message.content");
    }
    StringBuilder text = null;
    StringBuilder reasoning = null;
    List<ToolCall> calls = new ArrayList<>(0);
    for (JsonNode block : message.get("content")) {
      if (block.hasNonNull("text")) {
        text = (text == null ? new StringBuilder() : text).append(block.get("text").asText());
      } else if (block.has("toolUse")) {
        JsonNode use = block.get("toolUse");
        if (!use.path("toolUseId").isTextual() || !use.path("name").isTextual()) {
          throw malformed("Converse toolUse block without toolUseId or name");
        }
        calls.add(new ToolCall(use.get("toolUseId").asText(), use.get("name").asText(),
            use.has("input") ? use.get("input").toString() : "{}"));
      } else if (block.path("reasoningContent").path("reasoningText").path("text").isTextual()) {
        String piece = block.get("reasoningContent").get("reasoningText").get("text").asText();
        reasoning = (reasoning == null ? new StringBuilder() : reasoning).append(piece);
      }
    }
    List<ContentPart> content = text == null ? List.of() : List.of(new ContentPart.Text(text.toString()));
    Message answer = new Message(Role.ASSISTANT, content,
        text == null ? Message.ContentForm.PARTS : Message.ContentForm.STRING, null, calls, null,
        reasoning == null ? null : reasoning.toString(), null, Map.of());
    Choice choice = new Choice(0, answer, ConverseStopReasons.of(textOrNull(root.get("stopReason"))), null);
    return new ChatResponse(id, model, created, List.of(choice), ConverseUsageReader.read(root.get("usage")), null,
        null, Map.of());
  }

  static JsonNode parse(byte[] json, String what) {
    try {
      JsonNode root = JSON.readTree(json);
      if (root == null || !root.isObject()) {
        throw malformed(what + " is not a JSON object");
      }
      return root;
    } catch (JsonProcessingException e) {
      throw malformed(what + " is not valid JSON (" + e.getOriginalMessage() + ")");
    } catch (IOException e) {
      throw malformed(what + " could not be read (" + e.getMessage() + ")");
    }
  }

  static String textOrNull(JsonNode node) {
    return node == null || !node.isTextual() ? null : node.asText();
  }

  static GatewayException.UpstreamError malformed(String problem) {
    return new GatewayException.UpstreamError(502, "api_error", "provider 'bedrock': " + problem, null,
        "invalid_upstream_response");
  }
}
