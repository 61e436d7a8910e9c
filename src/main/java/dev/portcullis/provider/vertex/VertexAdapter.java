package dev.portcullis.provider.vertex;

import dev.portcullis.wire.Dialect;
import dev.portcullis.error.GatewayException;
import dev.portcullis.provider.ChatCodec;
import dev.portcullis.provider.anthropic.AnthropicChatCodec;
import dev.portcullis.provider.EndpointCodec;
import dev.portcullis.provider.ProviderAdapter;
import dev.portcullis.provider.WireRequest;
import dev.portcullis.provider.gemini.GeminiChatCodec;
import dev.portcullis.provider.gemini.GeminiErrorReader;
import dev.portcullis.provider.Target;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.net.URI;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Vertex AI ({@code {region}-aiplatform.googleapis.com}): chat goes to the codec of the model's publisher (Gemini's
 * for Google's models, Anthropic's for Claude), embeddings to {@code :predict}; calls carry an OAuth access token, either the target's
 * credential as it is (a token the client minted, as Portkey users send it in {@code Authorization: Bearer}) or one
 * minted from the {@code vertex_service_account_json} key and cached.
 */
public final class VertexAdapter implements ProviderAdapter {

  /** Chat codecs by model publisher, as Vertex names publishers in its URLs. */
  private final Map<String, ChatCodec> chatByPublisher;
  private final EndpointCodec embeddings = new VertexEmbeddingsCodec();
  private final ServiceAccountTokenSource tokens;

  /**
   * @param vertx for the token endpoint's HTTP client
   * @param clock token expiry, and the {@code created} time of answers Vertex gives none for
   */
  public VertexAdapter(Vertx vertx, Clock clock) {
    this.tokens = new ServiceAccountTokenSource(vertx, clock);
    this.chatByPublisher = Map.of(
        "google", new GeminiChatCodec(VertexModelUrl.GOOGLE, clock),
        "anthropic", new VertexHostCodec(AnthropicChatCodec.onVertex(clock)));
  }

  @Override
  public boolean speaks(Dialect dialect) {
    return false;
  }

  @Override
  public URI url(Target target, String endpoint, String query) {
    String base = VertexModelUrl.base(target);
    return URI.create(query == null ? base + endpoint : base + endpoint + "?" + query);
  }

  /**
   * @throws GatewayException.BadRequest when the model's publisher has no chat translation here
   */
  @Override
  public ChatCodec chat(Target target) {
    String publisher = publisher(target.model());
    ChatCodec codec = chatByPublisher.get(publisher);
    if (codec == null) {
      throw GatewayException.badRequest("model: '" + target.model() + "' is published by " + publisher
          + " (expected: a model this gateway translates on Vertex AI, from: " + String.join(", ",
          chatByPublisher.keySet()) + ")", "model");
    }
    return codec;
  }

  /** The publisher of a Vertex model id: named in a {@code publishers/...} path, else read from the model family. */
  private static String publisher(String model) {
    String id = model == null ? "" : model.toLowerCase(Locale.ROOT);
    if (id.startsWith("publishers/")) {
      int end = id.indexOf('/', "publishers/".length());
      return end < 0 ? id.substring("publishers/".length()) : id.substring("publishers/".length(), end);
    }
    return id.startsWith("claude") ? "anthropic" : "google";
  }

  @Override
  public Optional<EndpointCodec> endpoint(String endpoint, Target target) {
    return endpoint.equals("/embeddings") ? Optional.of(embeddings) : Optional.empty();
  }

  /**
   * A ready-made token (the target's credential) goes as it is; otherwise one is minted from the service account.
   *
   * @return a future failed with a 400 naming {@code vertex_service_account_json} when neither is given or the key
   *     cannot be read, or with the token endpoint's failure
   */
  @Override
  public Future<WireRequest> authorize(WireRequest request, Target target) {
    if (target.credential() != null && !target.credential().isBlank()) {
      request.headers().set("Authorization", "Bearer " + target.credential());
      return Future.succeededFuture(request);
    }
    String key = target.field(ServiceAccountKey.FIELD);
    if (key == null || key.isBlank()) {
      return Future.failedFuture(GatewayException.badRequest(ServiceAccountKey.FIELD + ": missing (expected: a "
          + "service account key JSON from a virtual key, the x-portkey-vertex-service-account-json header or "
          + "PORTCULLIS_PROVIDER_VERTEX_AI_VERTEX_SERVICE_ACCOUNT_JSON; or an access token as the provider "
          + "credential, Authorization: Bearer)", ServiceAccountKey.FIELD));
    }
    return tokens.token(key).map(token -> {
      request.headers().set("Authorization", "Bearer " + token);
      return request;
    });
  }

  @Override
  public GatewayException.UpstreamError error(int status, MultiMap headers, Buffer body, Target target) {
    return GeminiErrorReader.read(target.provider().id(), status, body, target.credential());
  }
}
