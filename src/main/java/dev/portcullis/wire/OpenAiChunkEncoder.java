package dev.portcullis.wire;

import dev.portcullis.model.ChatChunk;
import dev.portcullis.model.ChunkChoice;
import dev.portcullis.model.Delta;
import dev.portcullis.model.ToolCallDelta;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Encodes a chunk as one server-sent event of an OpenAI chat completion stream, {@code data: {...}\n\n}. Whoever
 * writes the stream ends it with {@link #DONE_EVENT}.
 */
public final class OpenAiChunkEncoder {

  /** The event that ends an OpenAI stream. */
  public static final String DONE_EVENT = "data: " + OpenAiChunkDecoder.DONE_PAYLOAD + "\n\n";

  private static final byte[] EVENT_START = "data: ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] EVENT_END = "\n\n".getBytes(StandardCharsets.US_ASCII);

  private OpenAiChunkEncoder() {}

  public static byte[] encode(ChatChunk chunk) {
    ByteArrayOutputStream event = new ByteArrayOutputStream(256);
    event.writeBytes(EVENT_START);
    OpenAiJson.write(event, writer -> write(writer, chunk));
    event.writeBytes(EVENT_END);
    return event.toByteArray();
  }

  private static void write(FieldWriter writer, ChatChunk chunk) throws IOException {
    writer.startObject();
    writer.string("id", chunk.id());
    writer.string("object", "chat.completion.chunk");
    writer.number("created", chunk.created());
    writer.string("model", chunk.model());
    writer.string("service_tier", chunk.serviceTier());
    writer.string("system_fingerprint", chunk.systemFingerprint());
    writer.startArray("choices");
    for (ChunkChoice choice : chunk.choices()) {
      writer.startObject();
      writer.number("index", choice.index());
      writeDelta(writer, choice.delta());
      writer.nullableJson("logprobs", choice.logprobs());
      writer.nullable("finish_reason", choice.finishReason() == null ? null : choice.finishReason().value());
      writer.endObject();
    }
    writer.endArray();
    if (chunk.usage() != null) {
      OpenAiUsageWriter.write(writer, chunk.usage());
    }
    writer.fields(chunk.extra());
    writer.endObject();
  }

  private static void writeDelta(FieldWriter writer, Delta delta) throws IOException {
    writer.startObject("delta");
    writer.string("role", delta.role() == null ? null : OpenAiRoles.name(delta.role()));
    writer.string("content", delta.content());
    writer.string("reasoning_content", delta.reasoningContent());
    writer.string("refusal", delta.refusal());
    if (!delta.toolCalls().isEmpty()) {
      writer.startArray("tool_calls");
      for (ToolCallDelta call : delta.toolCalls()) {
        writer.startObject();
        writer.number("index", call.index());
        writer.string("id", call.id());
        writer.string("type", call.id() == null ? null : "function");
        if (call.name() != null || call.argumentsFragment() != null) {
          writer.startObject("function");
          writer.string("name", call.name());
          writer.string("arguments", call.argumentsFragment());
          writer.endObject();
        }
        writer.endObject();
      }
      writer.endArray();
    }
    writer.endObject();
  }
}
