package dev.portcullis.api;

import dev.portcullis.wire.Dialect;
import dev.portcullis.error.GatewayException;
import dev.portcullis.model.ChatRequest;
import dev.portcullis.model.ChatResponse;
import io.vertx.core.buffer.Buffer;

/**
 * One client-facing chat format: reads the client's request into the canonical model and writes canonical answers,
 * whole or streamed, and errors back in the same format.
 */
public interface ChatDialect {

  Dialect id();

  /**
   * The client's chat request in canonical form.
   *
   * @throws GatewayException.BadRequest naming the field at fault and what was expected
   */
  ChatRequest decode(Buffer body);

  /** The whole answer as the client's format writes it. */
  Buffer encode(ChatResponse response, ChatRequest request);

  /** An encoder for the streamed answer to {@code request}. */
  StreamEncoder stream(ChatRequest request);

  /** The body of an error answer in this format. */
  Buffer error(GatewayException error);
}
