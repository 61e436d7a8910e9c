package dev.portcullis.api;

import dev.portcullis.error.GatewayException;
import dev.portcullis.model.ChatChunk;
import io.vertx.core.buffer.Buffer;

/**
 * Writes one stream of canonical chunks in a client's event format. Stateful (Anthropic's format opens and closes
 * content blocks); one encoder per stream.
 */
public interface StreamEncoder {

  /** The bytes for one chunk; empty when the chunk adds nothing the client's format says. */
  Buffer encode(ChatChunk chunk);

  /** The bytes that end a complete stream (e.g. {@code data: [DONE]}). */
  Buffer end();

  /** The bytes that end a stream broken by {@code error}: an error event in the client's format. */
  Buffer error(GatewayException error);
}
