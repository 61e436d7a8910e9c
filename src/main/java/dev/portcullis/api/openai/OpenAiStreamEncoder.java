package dev.portcullis.api.openai;

import dev.portcullis.api.StreamEncoder;
import dev.portcullis.error.GatewayException;
import dev.portcullis.model.ChatChunk;
import dev.portcullis.wire.OpenAiChunkEncoder;
import dev.portcullis.wire.OpenAiErrorEncoder;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * Writes canonical chunks as an OpenAI stream: one {@code data:} event each, the usage chunk only when the client
 * set {@code stream_options.include_usage}, then {@code data: [DONE]}. A broken stream ends with an error event.
 */
final class OpenAiStreamEncoder implements StreamEncoder {

  private static final Buffer EMPTY = Buffer.buffer(new byte[0]);
  private static final byte[] DONE = OpenAiChunkEncoder.DONE_EVENT.getBytes(StandardCharsets.US_ASCII);

  private final boolean includeUsage;

  OpenAiStreamEncoder(boolean includeUsage) {
    this.includeUsage = includeUsage;
  }

  @Override
  public Buffer encode(ChatChunk chunk) {
    if (chunk.choices().isEmpty() && chunk.usage() != null && !includeUsage) {
      return EMPTY;
    }
    if (chunk.usage() != null && !includeUsage) {
      chunk = new ChatChunk(chunk.id(), chunk.model(), chunk.created(), chunk.choices(), null,
          chunk.systemFingerprint(), chunk.serviceTier(), chunk.extra());
    }
    return Buffer.buffer(OpenAiChunkEncoder.encode(chunk));
  }

  @Override
  public Buffer end() {
    return Buffer.buffer(DONE);
  }

  @Override
  public Buffer error(GatewayException error) {
    byte[] json = OpenAiErrorEncoder.encode(error);
    return Buffer.buffer(json.length + 8).appendString("data: ").appendBytes(json).appendString("\n\n");
  }
}
