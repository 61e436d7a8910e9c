package dev.portcullis.provider;

import dev.portcullis.model.ChatRequest;
import dev.portcullis.model.ChatResponse;
import io.vertx.core.buffer.Buffer;

/**
 * Translates chat calls between the canonical model and one provider's wire format: the request out, the answer
 * (whole or streamed) back. Stateless and shared; streams get their own {@link ChunkDecoder}.
 */
public interface ChatCodec {

  /**
   * The provider request for {@code request}, sent to {@code target} (its model, base URL and credential fields).
   * Parameters the provider lacks are dropped and named in {@link WireRequest#dropped()}, or, when
   * {@code strict}, refused with a 400 that names them.
   *
   * @throws dev.portcullis.error.GatewayException.BadRequest when the request cannot be said in this provider's
   *     format (strict mode, or a value the provider cannot take)
   */
  WireRequest request(ChatRequest request, Target target, boolean strict);

  /**
   * The provider's successful (2xx) answer in canonical form.
   *
   * @throws dev.portcullis.error.GatewayException.UpstreamError (502) when the body is not the documented format
   */
  ChatResponse response(Buffer body, ChatRequest request, Target target);

  /** A decoder for the streamed answer to {@code request}. */
  ChunkDecoder stream(ChatRequest request, Target target);
}
