package dev.portcullis.server;

import dev.portcullis.api.GatewayHeaders;
import dev.portcullis.api.InboundBody;
import dev.portcullis.api.JsonBodyInspector;
import dev.portcullis.api.MultipartModelField;
import dev.portcullis.api.anthropic.AnthropicChatDialect;
import dev.portcullis.error.GatewayException;
import dev.portcullis.keys.Authenticator;
import dev.portcullis.provider.ProviderSpec;
import dev.portcullis.provider.ProviderTable;
import dev.portcullis.routing.PlanSource;
import dev.portcullis.routing.config.RoutingPlan;
import dev.portcullis.routing.smart.ProviderKeys;
import dev.portcullis.routing.smart.SmartRouter;
import dev.portcullis.routing.TargetResolver;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The request path for every {@code /v1/*} call, in order: gateway headers, authentication, body, model address,
 * target, then the {@link UpstreamForwarder}. Each stage may fail with a {@link GatewayException}; the failure is
 * rendered and recorded in one place.
 */
final class InferenceHandler implements Handler<HttpServerRequest> {

  /** Endpoints whose body must name a model. */
  private static final Set<String> MODEL_REQUIRED = Set.of("/chat/completions", "/completions", "/embeddings",
      "/audio/speech", "/audio/transcriptions", "/audio/translations", "/moderations", "/responses", "/rerank",
      "/messages", "/messages/count_tokens");
  /** Anthropic's Messages API: its requests, answers and errors are in Anthropic's format. */
  private static final String ANTHROPIC_PATH = "/v1/messages";

  private final Authenticator authenticator;
  private final TargetResolver resolver;
  private final UpstreamForwarder forwarder;
  private final PlanSource plans;
  private final SmartRouter smartRouter;
  private final ProviderKeys providerKeys;
  private final RandomGenerator random = new SplittableRandom();
  private final ConfiguredCall configured;
  private final BodyReader bodies;
  private final long defaultTimeoutMs;

  InferenceHandler(Authenticator authenticator, TargetResolver resolver, UpstreamForwarder forwarder,
      PlanSource plans, SmartRouter smartRouter, ProviderKeys providerKeys, ConfiguredCall configured,
      BodyReader bodies, long defaultTimeoutMs) {
    this.smartRouter = smartRouter;
    this.providerKeys = providerKeys;
    this.authenticator = authenticator;
    this.resolver = resolver;
    this.forwarder = forwarder;
    this.plans = plans;
    this.configured = configured;
    this.bodies = bodies;
    this.defaultTimeoutMs = defaultTimeoutMs;
  }

  @Override
  public void handle(HttpServerRequest req) {
    req.pause();
    HttpServerResponse out = req.response();
    Exchange ex = new Exchange(req.method().name(), req.path());
    if (req.path().startsWith(ANTHROPIC_PATH)) {
      ex.dialect = AnthropicChatDialect.INSTANCE;
    }
    GatewayHeaders h;
    try {
      RequestPathValidator.check(req.path(), req.query());
      h = GatewayHeaders.parse(req.headers());
    } catch (GatewayException e) {
      ex.traceId = RequestIds.next();
      out.putHeader(GatewayHeaders.NATIVE_PREFIX + "trace-id", ex.traceId);
      drainAndFail(ex, req, e);
      return;
    }
    ex.prefix = h.prefix();
    ex.traceId = h.traceId() != null ? h.traceId() : RequestIds.next();
    ex.metadata = h.metadata();
    out.putHeader(ex.prefix + "trace-id", ex.traceId);
    out.closeHandler(v -> forwarder.clientGone(ex));
    String endpoint = req.path().substring("/v1".length());
    long timeoutMs = h.requestTimeoutMs() != null ? h.requestTimeoutMs() : defaultTimeoutMs;

    authenticator.authenticate(h.gatewayKey())
        .compose(principal -> {
          ex.principal = principal;
          ex.metadata = withKeyMetadata(principal.metadata(), h.metadata());
          return bodies.read(req);
        })
        .onSuccess(bytes -> route(ex, req, h, bytes, endpoint, timeoutMs))
        .onFailure(err -> drainAndFail(ex, req, err));
  }

  /**
   * With a plan (a routing config, smart routing of a bare model, or the keys of a {@code provider/model}) the
   * plan decides the targets; without one the model address names the only target.
   */
  private void route(Exchange ex, HttpServerRequest req, GatewayHeaders h, Buffer bytes, String endpoint,
      long timeoutMs) {
    InboundBody body;
    Future<RoutingPlan> plan;
    try {
      body = inspect(req, bytes, endpoint);
      plan = plan(h, ex, body.model());
    } catch (RuntimeException e) {
      drainAndFail(ex, req, e);
      return;
    }
    ex.stream = body.stream();
    plan.onSuccess(p -> {
      if (p != null) {
        configured.run(ex, req, h, body, p, endpoint, timeoutMs);
      } else {
        resolver.resolve(h, body.model(), ex.principal)
            .onSuccess(target -> {
              ex.target = target;
              forwarder.forward(ex, req, h, body.withModel(target.model()), endpoint, timeoutMs);
            })
            .onFailure(err -> drainAndFail(ex, req, err));
      }
    }).onFailure(err -> drainAndFail(ex, req, err));
  }

  /** The plan for this call, or null when its model address names exactly one target. */
  private Future<RoutingPlan> plan(GatewayHeaders h, Exchange ex, String model) {
    String config = config(h, ex);
    if (config != null) {
      return plans.plan(config, ex.principal.workspaceId(), h.prefix() + "config");
    }
    if (model == null || h.provider() != null || h.virtualKey() != null || model.startsWith("@")) {
      return Future.succeededFuture();
    }
    int slash = model.indexOf('/');
    Optional<ProviderSpec> pinned = slash > 0 ? ProviderTable.find(model.substring(0, slash)) : Optional.empty();
    if (pinned.isPresent()) {
      return providerKeys.plan(pinned.get().id(), model.substring(slash + 1), ex.principal, h.forwardHeaders())
          .map(p -> p.orElse(null));
    }
    return Future.succeededFuture(smartRouter.plan(model, h.forwardHeaders(), random).orElse(null));
  }

  /**
   * The routing config of this call: the -config header, else the one attached to the gateway key (stored as JSON
   * text: an object, or a string naming a saved config), else none.
   */
  private static String config(GatewayHeaders h, Exchange ex) {
    if (h.config() != null) {
      return h.config();
    }
    String attached = ex.principal.defaultConfig();
    if (attached != null && attached.startsWith("\"")) {
      return attached.substring(1, attached.length() - 1);
    }
    return attached;
  }

  /** The key's metadata under the request's: the request wins where both name a key. */
  private static Map<String, String> withKeyMetadata(Map<String, String> key, Map<String, String> request) {
    if (key.isEmpty()) {
      return request;
    }
    Map<String, String> merged = new HashMap<>(key);
    merged.putAll(request);
    return merged;
  }

  private static InboundBody inspect(HttpServerRequest req, Buffer bytes, String endpoint) {
    String contentType = req.getHeader("content-type");
    InboundBody body;
    if (contentType != null && contentType.regionMatches(true, 0, "multipart/form-data", 0, 19)) {
      body = MultipartModelField.inspect(bytes, contentType);
    } else if (bytes.length() > 0 && (contentType == null || contentType.contains("json"))) {
      body = JsonBodyInspector.inspect(bytes);
    } else if (bytes.length() == 0 && MODEL_REQUIRED.contains(endpoint) && req.method().name().equals("POST")) {
      throw GatewayException.badRequest("request body is empty (expected: a JSON object)");
    } else {
      body = InboundBody.opaque(bytes);
    }
    if (body.model() == null && MODEL_REQUIRED.contains(endpoint)) {
      throw GatewayException.badRequest("model: missing (expected: a model id such as 'openai/gpt-4o-mini')",
          "model");
    }
    return body;
  }

  /** Fails the exchange; a body not yet read is discarded so the connection stays usable. */
  private void drainAndFail(Exchange ex, HttpServerRequest req, Throwable err) {
    if (!req.isEnded()) {
      if (err instanceof GatewayException.PayloadTooLarge) {
        req.response().putHeader("connection", "close");
      }
      req.handler(chunk -> {});
      req.resume();
    }
    forwarder.fail(ex, req.response(), err);
  }
}
