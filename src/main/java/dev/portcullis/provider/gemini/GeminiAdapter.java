package dev.portcullis.provider.gemini;

import dev.portcullis.wire.Dialect;
import dev.portcullis.error.GatewayException;
import dev.portcullis.provider.ChatCodec;
import dev.portcullis.provider.EndpointCodec;
import dev.portcullis.provider.ProviderAdapter;
import dev.portcullis.provider.Target;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.time.Clock;
import java.util.Optional;

/**
 * Google's Gemini API ({@code generativelanguage.googleapis.com}): no client dialect passes through, chat and
 * embeddings are translated, the key goes in {@code x-goog-api-key} (the provider row says so), and errors are read
 * in Google's shape.
 */
public final class GeminiAdapter implements ProviderAdapter {

  private final ChatCodec chat;
  private final EndpointCodec embeddings = new GeminiEmbeddingsCodec();

  /** @param clock the {@code created} time of answers Gemini gives none for */
  public GeminiAdapter(Clock clock) {
    this.chat = new GeminiChatCodec(GeminiModelUrl.GEMINI_API, clock);
  }

  @Override
  public boolean speaks(Dialect dialect) {
    return false;
  }

  @Override
  public ChatCodec chat(Target target) {
    return chat;
  }

  @Override
  public Optional<EndpointCodec> endpoint(String endpoint, Target target) {
    return endpoint.equals("/embeddings") ? Optional.of(embeddings) : Optional.empty();
  }

  @Override
  public GatewayException.UpstreamError error(int status, MultiMap headers, Buffer body, Target target) {
    return GeminiErrorReader.read(target.provider().id(), status, body, target.credential());
  }
}
