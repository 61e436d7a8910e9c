package dev.portcullis.provider.cohere;

import dev.portcullis.wire.Dialect;
import dev.portcullis.error.GatewayException;
import dev.portcullis.provider.ChatCodec;
import dev.portcullis.provider.EndpointCodec;
import dev.portcullis.provider.ProviderAdapter;
import dev.portcullis.provider.Target;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Cohere's native v2 API ({@code https://api.cohere.com/v2}, Bearer key). No client dialect goes through as it is:
 * chat is translated to {@code /chat}, embeddings to {@code /embed} and rerank to {@code /rerank}; errors are read
 * from Cohere's {@code {"message"}} body.
 */
public final class CohereAdapter implements ProviderAdapter {

  private final ChatCodec chat;
  private final Map<String, EndpointCodec> endpoints =
      Map.of("/embeddings", new CohereEmbedCodec(), "/rerank", new CohereRerankCodec());

  /** @param clock the creation time of answers, which Cohere does not send */
  public CohereAdapter(Clock clock) {
    this.chat = new CohereChatCodec(clock);
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
    return Optional.ofNullable(endpoints.get(endpoint));
  }

  @Override
  public GatewayException.UpstreamError error(int status, MultiMap headers, Buffer body, Target target) {
    return CohereErrorReader.read(status, body, target.credential());
  }
}
