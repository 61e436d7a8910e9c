package dev.portcullis.provider.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.error.GatewayException;
import dev.portcullis.model.ChatChunk;
import dev.portcullis.model.ChunkChoice;
import dev.portcullis.model.Delta;
import dev.portcullis.model.FinishReason;
import dev.portcullis.model.Role;
import dev.portcullis.model.ToolCallDelta;
import dev.portcullis.model.Usage;
import dev.portcullis.provider.ChunkDecoder;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a ConverseStream answer: AWS event-stream messages whose {@code :event-type} is {@code messageStart},
 * {@code contentBlockStart} (a tool call's id and name), {@code contentBlockDelta} (text, tool input or reasoning
 * pieces), {@code contentBlockStop}, {@code messageStop} (the stop reason) or {@code metadata} (usage, sent last as
 * a chunk without choices). An {@code exception} message ends the stream with the error it names.
 */
final class ConverseStreamDecoder implements ChunkDecoder {

  private final EventStreamReader reader = new EventStreamReader();
  private final String id;
  private final String model;
  private final long created;
  private final String[] secrets;
  /** The OpenAI tool-call index of each content block that is a tool use. */
  private final Map<Integer, Integer> toolIndexByBlock = new HashMap<>();
  private boolean roleSent;

  ConverseStreamDecoder(String id, String model, long created, String... secrets) {
    this.id = id;
    this.model = model;
    this.created = created;
    this.secrets = secrets;
  }

  @Override
  public List<ChatChunk> feed(Buffer bytes) {
    List<EventStreamMessage> messages = reader.feed(bytes);
    if (messages.isEmpty()) {
      return List.of();
    }
    List<ChatChunk> chunks = new ArrayList<>(messages.size());
    for (EventStreamMessage message : messages) {
      ChatChunk chunk = chunk(message);
      if (chunk != null) {
        chunks.add(chunk);
      }
    }
    return chunks;
  }

  @Override
  public List<ChatChunk> end() {
    if (reader.hasPartialMessage()) {
      throw EventStreamReader.malformed("the stream ended inside a message");
    }
    return List.of();
  }

  private ChatChunk chunk(EventStreamMessage message) {
    String type = message.header(":message-type");
    if ("exception".equals(type)) {
      throw BedrockErrorReader.streamException(message.header(":exception-type"), message.payload(), secrets);
    }
    if ("error".equals(type)) {
      throw new GatewayException.UpstreamError(500, BedrockErrorReader.exceptionName(message.header(":error-code")),
          "provider 'bedrock' stream error: " + message.header(":error-message"), null, null);
    }
    String event = message.header(":event-type");
    if (event == null) {
      return null;
    }
    return switch (event) {
      case "messageStart" -> delta(null, null, List.of());
      case "contentBlockStart" -> blockStart(payload(message));
      case "contentBlockDelta" -> blockDelta(payload(message));
      case "messageStop" -> finish(ConverseStopReasons.of(ConverseResponseReader.textOrNull(
          payload(message).get("stopReason"))));
      case "metadata" -> usage(ConverseUsageReader.read(payload(message).get("usage")));
      default -> null;
    };
  }

  private ChatChunk blockStart(JsonNode payload) {
    JsonNode toolUse = payload.path("start").path("toolUse");
    if (!toolUse.isObject()) {
      return null;
    }
    int block = blockIndex(payload);
    int index = toolIndexByBlock.size();
    toolIndexByBlock.put(block, index);
    return delta(null, null, List.of(new ToolCallDelta(index,
        ConverseResponseReader.textOrNull(toolUse.get("toolUseId")),
        ConverseResponseReader.textOrNull(toolUse.get("name")), "")));
  }

  private ChatChunk blockDelta(JsonNode payload) {
    JsonNode delta = payload.path("delta");
    if (delta.path("text").isTextual()) {
      return delta(delta.get("text").asText(), null, List.of());
    }
    if (delta.path("toolUse").path("input").isTextual()) {
      Integer index = toolIndexByBlock.get(blockIndex(payload));
      if (index == null) {
        throw ConverseResponseReader.malformed("tool input for content block " + blockIndex(payload)
            + " before its contentBlockStart");
      }
      return delta(null, null, List.of(new ToolCallDelta(index, null, null,
          delta.get("toolUse").get("input").asText())));
    }
    if (delta.path("reasoningContent").path("text").isTextual()) {
      return delta(null, delta.get("reasoningContent").get("text").asText(), List.of());
    }
    return null;
  }

  private ChatChunk delta(String content, String reasoning, List<ToolCallDelta> calls) {
    Role role = roleSent ? null : Role.ASSISTANT;
    roleSent = true;
    String text = role != null && content == null && reasoning == null && calls.isEmpty() ? "" : content;
    return new ChatChunk(id, model, created,
        List.of(new ChunkChoice(0, new Delta(role, text, reasoning, null, calls), null, null)), null, null, null,
        Map.of());
  }

  private ChatChunk finish(FinishReason reason) {
    Role role = roleSent ? null : Role.ASSISTANT;
    roleSent = true;
    return new ChatChunk(id, model, created,
        List.of(new ChunkChoice(0, new Delta(role, null, null, null, List.of()), reason, null)), null, null, null,
        Map.of());
  }

  private ChatChunk usage(Usage usage) {
    return usage == null ? null : new ChatChunk(id, model, created, List.of(), usage, null, null, Map.of());
  }

  private static int blockIndex(JsonNode payload) {
    JsonNode index = payload.get("contentBlockIndex");
    if (index == null || !index.canConvertToInt()) {
      throw ConverseResponseReader.malformed("stream event without contentBlockIndex: " + payload);
    }
    return index.intValue();
  }

  private static JsonNode payload(EventStreamMessage message) {
    return ConverseResponseReader.parse(message.payload(), "stream event '" + message.header(":event-type") + "'");
  }
}
