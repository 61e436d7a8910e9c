package dev.portcullis.provider.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.error.GatewayException;
import dev.portcullis.model.ChatChunk;
import dev.portcullis.model.ChunkChoice;
import dev.portcullis.model.Delta;
import dev.portcullis.model.FinishReason;
import dev.portcullis.model.Role;
import dev.portcullis.model.ToolCallDelta;
import dev.portcullis.model.Usage;
import dev.portcullis.provider.ChunkDecoder;
import dev.portcullis.provider.SecretRedactor;
import dev.portcullis.provider.SseEvent;
import dev.portcullis.provider.SseEventReader;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads Cohere's v2 chat stream: server-sent events named by an {@code event:} line and, again, by the JSON
 * {@code type} field (the field wins; either alone is enough), ending with {@code data: [DONE]}. Text and thinking
 * deltas become content and {@code reasoning_content}, {@code tool-plan-delta} becomes {@code reasoning_content},
 * tool-call events become tool-call deltas by their index, citation events are skipped, and {@code message-end}
 * gives the finish reason and the usage chunk. A {@code message-end} that carries an {@code error} is raised as the
 * provider's error.
 */
final class CohereStreamDecoder implements ChunkDecoder {

  private static final String DONE = "[DONE]";

  private final SseEventReader reader = new SseEventReader();
  private final String model;
  private final long created;
  private final String credential;
  private final Map<Integer, Integer> toolIndexes = new HashMap<>();
  private String id;
  private boolean roleSent;

  CohereStreamDecoder(String model, long created, String credential) {
    this.model = model;
    this.created = created;
    this.credential = credential;
  }

  /** An id for an answer Cohere sent without one. */
  static String newId() {
    return "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
  }

  @Override
  public List<ChatChunk> feed(Buffer bytes) {
    return chunks(reader.feed(bytes));
  }

  @Override
  public List<ChatChunk> end() {
    SseEvent last = reader.finish();
    return last == null ? List.of() : chunks(List.of(last));
  }

  private List<ChatChunk> chunks(List<SseEvent> events) {
    if (events.isEmpty()) {
      return List.of();
    }
    List<ChatChunk> out = new ArrayList<>(events.size() + 1);
    for (SseEvent event : events) {
      String data = event.data().strip();
      if (!data.isEmpty() && !data.equals(DONE)) {
        handle(event.event(), CohereJson.readObject(data.getBytes(StandardCharsets.UTF_8), "stream event"), out);
      }
    }
    return out;
  }

  private void handle(String eventName, ObjectNode event, List<ChatChunk> out) {
    String type = CohereJson.text(event, "type");
    JsonNode message = event.path("delta").path("message");
    switch (type != null ? type : eventName != null ? eventName : "") {
      case "message-start" -> {
        if (id == null) {
          id = CohereJson.text(event, "id");
        }
        emit(out, null, null, null);
      }
      case "content-start", "content-delta" -> {
        JsonNode content = message.path("content");
        emit(out, nonEmpty(CohereJson.text(content, "text")), nonEmpty(CohereJson.text(content, "thinking")), null);
      }
      case "tool-plan-delta" -> emit(out, null, nonEmpty(CohereJson.text(message, "tool_plan")), null);
      case "tool-call-start" -> {
        JsonNode call = toolCall(message);
        emit(out, null, null, new ToolCallDelta(toolIndex(event), CohereJson.text(call, "id"),
            CohereJson.text(call.path("function"), "name"), CohereJson.text(call.path("function"), "arguments")));
      }
      case "tool-call-delta" -> {
        String fragment = CohereJson.text(toolCall(message).path("function"), "arguments");
        if (fragment != null && !fragment.isEmpty()) {
          emit(out, null, null, new ToolCallDelta(toolIndex(event), null, null, fragment));
        }
      }
      case "message-end" -> messageEnd(event.path("delta"), out);
      case "" -> raiseIfError(event);
      default -> { }
    }
  }

  /** Adds a chunk with the given delta pieces; the first chunk of the stream also says who speaks. */
  private void emit(List<ChatChunk> out, String content, String reasoning, ToolCallDelta call) {
    boolean empty = content == null && reasoning == null && call == null;
    if (empty && roleSent) {
      return;
    }
    Delta delta = new Delta(roleSent ? null : Role.ASSISTANT, content, reasoning, null,
        call == null ? List.of() : List.of(call));
    roleSent = true;
    out.add(chunk(List.of(new ChunkChoice(0, delta, null, null)), null));
  }

  private void messageEnd(JsonNode delta, List<ChatChunk> out) {
    String error = CohereJson.text(delta, "error");
    if (error != null && !error.isEmpty()) {
      throw new GatewayException.UpstreamError(502, "api_error", SecretRedactor.redact(
          "provider 'cohere' ended the stream with an error: " + error, credential), null, "stream_error");
    }
    FinishReason finish = CohereFinishReasons.of(CohereJson.text(delta, "finish_reason"));
    if (finish != null) {
      out.add(chunk(List.of(new ChunkChoice(0, new Delta(roleSent ? null : Role.ASSISTANT, null, null, null,
          List.of()), finish, null)), null));
      roleSent = true;
    }
    Usage usage = CohereUsageReader.read(delta.get("usage"));
    if (usage != null) {
      out.add(chunk(List.of(), usage));
    }
  }

  /** An event with no type that reads like Cohere's error body. */
  private void raiseIfError(ObjectNode event) {
    String message = CohereJson.text(event, "message");
    if (message != null) {
      throw new GatewayException.UpstreamError(502, "api_error", SecretRedactor.redact(
          "provider 'cohere' sent an error in the stream: " + message, credential), null, "stream_error");
    }
  }

  /**
   * The OpenAI index of the tool call an event belongs to: calls are numbered 0, 1... in the order they start,
   * whether Cohere counts its {@code index} per tool call or across all content blocks.
   */
  private int toolIndex(ObjectNode event) {
    Integer index = CohereJson.integer(event, "index");
    if (index == null) {
      throw CohereJson.invalid(CohereJson.text(event, "type") + " event has no index");
    }
    return toolIndexes.computeIfAbsent(index, i -> toolIndexes.size());
  }

  /** The event's one tool call: an object, or the first element where an array is sent. */
  private static JsonNode toolCall(JsonNode message) {
    JsonNode calls = message.path("tool_calls");
    return calls.isArray() ? calls.path(0) : calls;
  }

  private static String nonEmpty(String text) {
    return text == null || text.isEmpty() ? null : text;
  }

  private ChatChunk chunk(List<ChunkChoice> choices, Usage usage) {
    if (id == null) {
      id = newId();
    }
    return new ChatChunk(id, model, created, choices, usage, null, null, Map.of());
  }
}
