package dev.portcullis.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.api.ChatDialect;
import dev.portcullis.wire.Dialect;
import dev.portcullis.api.GatewayHeaders;
import dev.portcullis.api.InboundBody;
import dev.portcullis.api.anthropic.MessageTokenEstimator;
import dev.portcullis.error.GatewayException;
import dev.portcullis.model.ChatRequest;
import dev.portcullis.provider.ChatCodec;
import dev.portcullis.provider.EndpointCodec;
import dev.portcullis.provider.ProviderAdapter;
import dev.portcullis.provider.ProviderAdapters;
import dev.portcullis.provider.WireRequest;
import dev.portcullis.provider.Target;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides how one attempt reaches its target: passthrough when the provider speaks the client's dialect, a local
 * estimate for Anthropic's {@code count_tokens} elsewhere, chat translation for the dialect's chat endpoint, an
 * endpoint codec where the provider has its own format for the endpoint, else passthrough (anything else a provider
 * serves). Builds the request accordingly, with the client headers the provider may see.
 */
final class UpstreamCalls {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** Headers that belong to one connection, never copied from one side of the gateway to the other. */
  static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding",
      "content-length", "upgrade", "proxy-authenticate", "proxy-authorization", "te", "trailer", "set-cookie");
  /** Client headers a provider understands and that carry no gateway secret: forwarded as they are. */
  private static final List<String> PASSED_THROUGH = List.of("openai-organization", "openai-project", "openai-beta",
      "anthropic-version", "anthropic-beta");
  /** Provider-family headers ({@code x-portkey-openai-organization}) and the provider header they become. */
  private static final Map<String, String> FAMILY_HEADERS = Map.of(
      "openai-organization", "OpenAI-Organization",
      "openai-project", "OpenAI-Project",
      "openai-beta", "OpenAI-Beta");

  /** OpenAI's chat and legacy completion endpoints, after {@code /v1}: both take {@code stream_options}. */
  private static final String OPENAI_CHAT = "/chat/completions";
  private static final String OPENAI_COMPLETIONS = "/completions";
  /** Anthropic's token counting endpoint, after {@code /v1}. */
  private static final String COUNT_TOKENS = "/messages/count_tokens";

  private final ProviderAdapters adapters;

  UpstreamCalls(ProviderAdapters adapters) {
    this.adapters = adapters;
  }

  ProviderAdapter adapter(Target target) {
    return adapters.of(target.provider());
  }

  /**
   * The call for one attempt.
   *
   * @param body the client's body with this target's model (and overrides) already patched in
   * @param mayAskForUsage whether the body is a stream request that leaves {@code stream_options} to the gateway
   * @throws GatewayException.BadRequest when the body cannot be said in the provider's format
   */
  UpstreamCall prepare(Exchange ex, Buffer body, boolean mayAskForUsage, Target target,
      List<String> forwardHeaders) {
    HttpServerRequest in = ex.request;
    GatewayHeaders h = ex.headers;
    String endpoint = ex.endpoint;
    ProviderAdapter adapter = adapters.of(target.provider());
    ChatDialect dialect = ex.dialect;
    if (adapter.speaks(dialect.id())) {
      boolean askForUsage = mayAskForUsage && target.provider().streamUsageOption() && dialect.id() == Dialect.OPENAI
          && (endpoint.equals(OPENAI_CHAT) || endpoint.equals(OPENAI_COMPLETIONS));
      return passthrough(in, h, askForUsage ? InboundBody.askingForUsage(body) : body, askForUsage, target,
          endpoint, forwardHeaders, adapter);
    }
    if (dialect.id() == Dialect.ANTHROPIC && endpoint.equals(COUNT_TOKENS)) {
      return new UpstreamCall.Local(
          new WireRequest(in.method(), adapter.url(target, endpoint, null), MultiMap.caseInsensitiveMultiMap(), body,
              List.of()),
          MessageTokenEstimator.countTokens(body));
    }
    if (endpoint.equals(chatEndpoint(dialect.id()))) {
      ChatRequest chat = dialect.decode(body);
      ChatCodec codec = adapter.chat(target);
      WireRequest wire = codec.request(chat, target, h.strictOpenAiCompliance());
      copyClientHeaders(in, h, forwardHeaders, wire.headers(), false);
      return new UpstreamCall.TranslatedChat(wire, chat, codec, dialect);
    }
    Optional<EndpointCodec> codec = dialect.id() == Dialect.OPENAI ? adapter.endpoint(endpoint, target)
        : Optional.empty();
    if (codec.isPresent()) {
      JsonNode json = readJson(body);
      WireRequest wire = codec.get().request(json, target, h.strictOpenAiCompliance());
      copyClientHeaders(in, h, forwardHeaders, wire.headers(), false);
      return new UpstreamCall.TranslatedEndpoint(wire, json, codec.get());
    }
    return passthrough(in, h, body, false, target, endpoint, forwardHeaders, adapter);
  }

  /** The chat endpoint of a dialect, after {@code /v1}. */
  static String chatEndpoint(Dialect dialect) {
    return dialect == Dialect.ANTHROPIC ? "/messages" : OPENAI_CHAT;
  }

  private static UpstreamCall passthrough(HttpServerRequest in, GatewayHeaders h, Buffer body, boolean usageAsked,
      Target target, String endpoint, List<String> forwardHeaders, ProviderAdapter adapter) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    copyClientHeaders(in, h, forwardHeaders, headers, true);
    return new UpstreamCall.Passthrough(new WireRequest(in.method(), adapter.url(target, endpoint, in.query()),
        headers, body, List.of()), usageAsked);
  }

  /**
   * The client headers the provider sees: for passthrough the body's content type and accept; always the
   * provider's own headers, provider-family headers and the headers the client asked to forward; never the
   * gateway's own headers, the client's authorization or hop-by-hop headers.
   */
  private static void copyClientHeaders(HttpServerRequest in, GatewayHeaders h, List<String> forwardHeaders,
      MultiMap into, boolean passthrough) {
    if (passthrough) {
      String contentType = in.getHeader("content-type");
      if (contentType != null) {
        into.set("content-type", contentType);
      }
      String accept = in.getHeader("accept");
      if (accept != null) {
        into.set("accept", accept);
      }
    }
    into.set("user-agent", "Portcullis/0.1");
    for (String name : PASSED_THROUGH) {
      String v = in.getHeader(name);
      if (v != null) {
        into.set(name, v);
      }
    }
    h.providerFamily().forEach((family, value) -> into.set(FAMILY_HEADERS.get(family), value));
    for (String name : forwardHeaders) {
      if (name.equals("authorization") || name.equals("x-api-key") || name.startsWith(GatewayHeaders.NATIVE_PREFIX)
          || name.startsWith(GatewayHeaders.PORTKEY_PREFIX) || HOP_BY_HOP.contains(name) || name.equals("host")) {
        continue;
      }
      String v = in.getHeader(name);
      if (v != null) {
        into.set(name, v);
      }
    }
  }

  private static JsonNode readJson(Buffer body) {
    try {
      JsonNode json = JSON.readTree(body.getBytes());
      if (json == null || !json.isObject()) {
        throw GatewayException.badRequest("request body is not a JSON object (expected: a JSON object)");
      }
      return json;
    } catch (IOException e) {
      throw GatewayException.badRequest("request body is not valid JSON (expected: a JSON object)");
    }
  }
}
