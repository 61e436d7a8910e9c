package dev.portcullis.provider;

import dev.portcullis.model.ChatChunk;
import io.vertx.core.buffer.Buffer;
import java.util.List;

/**
 * Turns one provider stream into OpenAI-shaped chunks as its bytes arrive. Bytes come cut anywhere (mid-event,
 * mid-UTF-8 character); the output is the same however they were cut. One decoder serves one stream; it is not
 * shared between threads.
 *
 * <p>When the provider reports usage, the decoder emits it as a last chunk with no choices and the usage set,
 * whether or not the client asked for it; the outbound dialect decides whether to send it.
 */
public interface ChunkDecoder {

  /**
   * Feeds the next bytes of the stream.
   *
   * @return the chunks these bytes complete, possibly none
   * @throws dev.portcullis.error.GatewayException.UpstreamError when the provider reports an error inside the
   *     stream, or sends something that is not its documented format
   */
  List<ChatChunk> feed(Buffer bytes);

  /**
   * Ends the stream: returns whatever the provider's last event still owes (e.g. a usage chunk held back until the
   * stream's end).
   */
  List<ChatChunk> end();
}
