package dev.portcullis.provider;

import dev.portcullis.wire.Dialect;
import dev.portcullis.error.GatewayException;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.net.URI;
import java.util.Optional;

/**
 * How the gateway talks to one kind of provider: where a passthrough call goes, how requests are authorized, how
 * chat (and, where the provider has its own format, embeddings or rerank) is translated, and how its errors read.
 * The data part of a provider (base URL, auth header) stays in its {@link ProviderSpec} row; an adapter holds the
 * code for what a row cannot say.
 */
public interface ProviderAdapter {

  /**
   * Whether bodies of {@code dialect} go to this provider as they are (only the model patched). OpenAI-wire
   * providers take OpenAI bodies; Anthropic takes Anthropic bodies; other pairs are translated.
   */
  boolean speaks(Dialect dialect);

  /**
   * The URL of a passthrough call to {@code endpoint} (e.g. {@code /chat/completions}), the client's query kept.
   *
   * @param query the client's raw query string, or null
   */
  default URI url(Target target, String endpoint, String query) {
    String base = target.baseUrl().toString();
    return URI.create(query == null ? base + endpoint : base + endpoint + "?" + query);
  }

  /** The chat translation to and from this provider, for {@code target} (Vertex picks by model family). */
  ChatCodec chat(Target target);

  /**
   * The translation of a non-chat endpoint ({@code /embeddings}, {@code /rerank}) for providers with their own
   * format; empty when the endpoint passes through as it is.
   */
  default Optional<EndpointCodec> endpoint(String endpoint, Target target) {
    return Optional.empty();
  }

  /**
   * Adds the target's credentials to a request: a header, a signature over the final bytes, or a token fetched and
   * cached. Fails with a {@link GatewayException.BadRequest} naming a missing credential field.
   */
  default Future<WireRequest> authorize(WireRequest request, Target target) {
    if (target.credential() != null) {
      request.headers().set(target.provider().authHeader(), target.provider().authPrefix() + target.credential());
    }
    return Future.succeededFuture(request);
  }

  /** The gateway error for a provider's non-2xx answer: status kept, message and type read, secrets removed. */
  default GatewayException.UpstreamError error(int status, MultiMap headers, Buffer body, Target target) {
    return UpstreamErrorReader.read(target.provider().id(), status, body, target.credential());
  }
}
