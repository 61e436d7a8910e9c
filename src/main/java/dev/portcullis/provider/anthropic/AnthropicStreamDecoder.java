package dev.portcullis.provider.anthropic;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.error.GatewayException;
import dev.portcullis.model.ChatChunk;
import dev.portcullis.model.ChunkChoice;
import dev.portcullis.model.Delta;
import dev.portcullis.model.FinishReason;
import dev.portcullis.model.Role;
import dev.portcullis.model.ToolCallDelta;
import dev.portcullis.provider.ChunkDecoder;
import dev.portcullis.provider.SecretRedactor;
import dev.portcullis.provider.SseEvent;
import dev.portcullis.provider.SseEventReader;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reads a Messages API event stream as OpenAI chunks:
 * <ul>
 *   <li>{@code message_start} gives the id, model and input counts, and the role chunk;</li>
 *   <li>{@code content_block_start} of a {@code tool_use} block opens a tool call (id, name), numbered among the
 *       tool calls only; {@code content_block_delta} carries text, tool-call argument pieces
 *       ({@code input_json_delta}) or thinking ({@code thinking_delta} → {@code reasoning_content});</li>
 *   <li>{@code message_delta} gives the finish reason and output count; {@code message_stop} the usage chunk;</li>
 *   <li>{@code error} fails the stream with the provider's error, after the chunks before it;
 *       {@code ping} and event types Anthropic may add later are skipped.</li>
 * </ul>
 * Thinking signatures ({@code signature_delta}) have no place in a chunk and are not passed on.
 * Text deltas, the bulk of a stream, are read with a streaming parser; the rare events as trees.
 */
final class AnthropicStreamDecoder implements ChunkDecoder {

  /** The HTTP status each Anthropic error type stands for, for errors that arrive inside a 200 stream. */
  static final Map<String, Integer> ERROR_STATUS = Map.ofEntries(
      Map.entry("invalid_request_error", 400),
      Map.entry("authentication_error", 401),
      Map.entry("billing_error", 402),
      Map.entry("permission_error", 403),
      Map.entry("not_found_error", 404),
      Map.entry("request_too_large", 413),
      Map.entry("rate_limit_error", 429),
      Map.entry("api_error", 500),
      Map.entry("timeout_error", 504),
      Map.entry("overloaded_error", 529));
  /** The status of an error type not in the table. */
  static final int UNKNOWN_ERROR_STATUS = 500;

  private static final Delta EMPTY = new Delta(null, null, null, null, List.of());

  private final SseEventReader reader = new SseEventReader();
  private final String providerId;
  private final String credential;
  private final long created;

  private String id;
  private String model;
  private AnthropicUsage usage = AnthropicUsage.NONE;
  /** Tool-call index of each content block index; -1 for blocks that are not tool calls. */
  private int[] toolIndexByBlock = new int[0];
  private int toolCalls;
  private boolean stopped;
  /** An error event met after chunks of the same read; thrown on the next call so those chunks go out first. */
  private GatewayException pending;

  AnthropicStreamDecoder(String providerId, String credential, long created) {
    this.providerId = providerId;
    this.credential = credential;
    this.created = created;
  }

  @Override
  public List<ChatChunk> feed(Buffer bytes) {
    throwPending();
    return chunks(reader.feed(bytes));
  }

  @Override
  public List<ChatChunk> end() {
    throwPending();
    SseEvent last = reader.finish();
    List<ChatChunk> chunks = last == null ? List.of() : chunks(List.of(last));
    throwPending();
    if (!stopped) {
      throw AnthropicJson.malformed(providerId, id == null ? "an event stream without message_start"
          : "an event stream that ended before message_stop");
    }
    return chunks;
  }

  private void throwPending() {
    if (pending != null) {
      GatewayException error = pending;
      pending = null;
      throw error;
    }
  }

  private List<ChatChunk> chunks(List<SseEvent> events) {
    if (events.isEmpty()) {
      return List.of();
    }
    List<ChatChunk> chunks = new ArrayList<>(events.size());
    for (SseEvent event : events) {
      GatewayException.UpstreamError error;
      try {
        read(event, chunks);
        continue;
      } catch (GatewayException.UpstreamError e) {
        error = e;
      } catch (IOException e) {
        error = AnthropicJson.malformed(providerId, "an event that is not valid JSON: " + abbreviated(event.data()));
      }
      if (chunks.isEmpty()) {
        throw error;
      }
      pending = error;
      return chunks;
    }
    return chunks;
  }

  private void read(SseEvent event, List<ChatChunk> chunks) throws IOException {
    String type = event.event() != null ? event.event() : typeOf(event.data());
    switch (type) {
      case "content_block_delta" -> blockDelta(event.data(), chunks);
      case "message_start" -> {
        JsonNode message = tree(event).path("message");
        if (!message.path("id").isTextual() || !message.path("model").isTextual()) {
          throw AnthropicJson.malformed(providerId, "a message_start without message id or model");
        }
        id = message.get("id").asText();
        model = message.get("model").asText();
        usage = usage.merge(message.get("usage"));
        chunks.add(chunk(new Delta(Role.ASSISTANT, "", null, null, List.of()), null));
      }
      case "content_block_start" -> blockStart(tree(event), chunks);
      case "message_delta" -> {
        JsonNode delta = tree(event);
        usage = usage.merge(delta.get("usage"));
        JsonNode reason = delta.path("delta").path("stop_reason");
        if (reason.isTextual()) {
          chunks.add(chunk(EMPTY, AnthropicChatCodec.finishReason(reason.asText())));
        }
      }
      case "message_stop" -> {
        started();
        stopped = true;
        chunks.add(new ChatChunk(id, model, created, List.of(), usage.toUsage(), null, null, Map.of()));
      }
      case "error" -> {
        JsonNode error = tree(event).path("error");
        String errorType = error.path("type").isTextual() ? error.get("type").asText() : "api_error";
        String message = error.path("message").isTextual() ? error.get("message").asText()
            : "provider '" + providerId + "' reported an error inside the stream";
        throw new GatewayException.UpstreamError(ERROR_STATUS.getOrDefault(errorType, UNKNOWN_ERROR_STATUS), errorType,
            SecretRedactor.redact(message, credential), null, null);
      }
      default -> { }
    }
  }

  private void blockStart(JsonNode event, List<ChatChunk> chunks) {
    started();
    JsonNode block = event.path("content_block");
    int index = event.path("index").asInt(-1);
    switch (block.path("type").asText()) {
      case "tool_use" -> {
        if (!block.path("id").isTextual() || !block.path("name").isTextual() || index < 0) {
          throw AnthropicJson.malformed(providerId, "a tool_use content_block_start without index, id or name");
        }
        int call = toolCalls++;
        if (index >= toolIndexByBlock.length) {
          int from = toolIndexByBlock.length;
          toolIndexByBlock = Arrays.copyOf(toolIndexByBlock, Math.max(index + 1, from * 2));
          Arrays.fill(toolIndexByBlock, from, toolIndexByBlock.length, -1);
        }
        toolIndexByBlock[index] = call;
        ToolCallDelta opened = new ToolCallDelta(call, block.get("id").asText(), block.get("name").asText(), "");
        chunks.add(chunk(new Delta(null, null, null, null, List.of(opened)), null));
      }
      case "text" -> {
        String text = block.path("text").asText();
        if (!text.isEmpty()) {
          chunks.add(chunk(new Delta(null, text, null, null, List.of()), null));
        }
      }
      case "thinking" -> {
        String thinking = block.path("thinking").asText();
        if (!thinking.isEmpty()) {
          chunks.add(chunk(new Delta(null, null, thinking, null, List.of()), null));
        }
      }
      default -> { }
    }
  }

  /**
   * {@code {"type":"content_block_delta","index":N,"delta":{"type":T,<text|partial_json|thinking|...>:V}}}, read
   * token by token in whatever order the fields come.
   */
  private void blockDelta(String data, List<ChatChunk> chunks) throws IOException {
    started();
    int index = -1;
    String deltaType = null;
    String value = null;
    try (JsonParser parser = AnthropicJson.FACTORY.createParser(data)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not an object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken token = parser.nextToken();
        if (field.equals("index") && token == JsonToken.VALUE_NUMBER_INT) {
          index = parser.getIntValue();
        } else if (field.equals("delta") && token == JsonToken.START_OBJECT) {
          while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken inner = parser.nextToken();
            if (inner == JsonToken.VALUE_STRING) {
              if (name.equals("type")) {
                deltaType = parser.getText();
              } else {
                value = parser.getText();
              }
            } else {
              parser.skipChildren();
            }
          }
        } else {
          parser.skipChildren();
        }
      }
    }
    if (deltaType == null || value == null || value.isEmpty()) {
      return;
    }
    switch (deltaType) {
      case "text_delta" -> chunks.add(chunk(new Delta(null, value, null, null, List.of()), null));
      case "thinking_delta" -> chunks.add(chunk(new Delta(null, null, value, null, List.of()), null));
      case "input_json_delta" -> {
        int call = index >= 0 && index < toolIndexByBlock.length ? toolIndexByBlock[index] : -1;
        if (call >= 0) {
          ToolCallDelta piece = new ToolCallDelta(call, null, null, value);
          chunks.add(chunk(new Delta(null, null, null, null, List.of(piece)), null));
        }
      }
      default -> { }
    }
  }

  private ChatChunk chunk(Delta delta, FinishReason finish) {
    started();
    return new ChatChunk(id, model, created, List.of(new ChunkChoice(0, delta, finish, null)), null, null, null,
        Map.of());
  }

  private void started() {
    if (id == null) {
      throw AnthropicJson.malformed(providerId, "content before message_start (expected: message_start first)");
    }
  }

  private static JsonNode tree(SseEvent event) throws IOException {
    JsonNode node = AnthropicJson.MAPPER.readTree(event.data());
    if (node == null || !node.isObject()) {
      throw new IOException("not an object");
    }
    return node;
  }

  /** The {@code type} of an event that came without an {@code event:} line. */
  private static String typeOf(String data) throws IOException {
    try (JsonParser parser = AnthropicJson.FACTORY.createParser(data)) {
      if (parser.nextToken() == JsonToken.START_OBJECT) {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String field = parser.currentName();
          if (parser.nextToken() == JsonToken.VALUE_STRING && field.equals("type")) {
            return parser.getText();
          }
          parser.skipChildren();
        }
      }
    }
    return "";
  }

  private static String abbreviated(String text) {
    return text.length() <= 120 ? text : text.substring(0, 120) + "...";
  }
}
