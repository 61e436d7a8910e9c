package dev.portcullis.server;

import dev.portcullis.api.GatewayHeaders;
import dev.portcullis.api.InboundBody;
import dev.portcullis.api.JsonBodyInspector;
import dev.portcullis.api.MultipartModelField;
import dev.portcullis.error.GatewayException;
import dev.portcullis.keys.Authenticator;
import dev.portcullis.keys.Role;
import dev.portcullis.provider.ProviderTable;
import dev.portcullis.routing.PlanSource;
import dev.portcullis.routing.config.RoutingPlan;
import dev.portcullis.routing.smart.SmartRouter;
import dev.portcullis.routing.TargetResolver;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The request path for every {@code /v1/*} call, in order: gateway headers, authentication, body, model address,
 * target, then the {@link UpstreamForwarder}. Each stage may fail with a {@link GatewayException}; the failure is
 * rendered and recorded in one place.
 */
final class InferenceHandler implements Handler<RoutingContext> {

  /** Endpoints whose body must name a model. */
  private static final Set<String> MODEL_REQUIRED = Set.of("/chat/completions", "/completions", "/embeddings",
      "/audio/speech", "/audio/transcriptions", "/audio/translations", "/moderations", "/responses");

  private final Authenticator authenticator;
  private final TargetResolver resolver;
  private final UpstreamForwarder forwarder;
  private final PlanSource plans;
  private final SmartRouter smartRouter;
  private final RandomGenerator random = new SplittableRandom();
  private final ConfiguredCall configured;
  private final long maxBodyBytes;
  private final long defaultTimeoutMs;

  InferenceHandler(Authenticator authenticator, TargetResolver resolver, UpstreamForwarder forwarder,
      PlanSource plans, SmartRouter smartRouter, ConfiguredCall configured, long maxBodyBytes,
      long defaultTimeoutMs) {
    this.smartRouter = smartRouter;
    this.authenticator = authenticator;
    this.resolver = resolver;
    this.forwarder = forwarder;
    this.plans = plans;
    this.configured = configured;
    this.maxBodyBytes = maxBodyBytes;
    this.defaultTimeoutMs = defaultTimeoutMs;
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    req.pause();
    HttpServerResponse out = req.response();
    Exchange ex = new Exchange(req.method().name(), req.path());
    GatewayHeaders h;
    try {
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
          if (principal.role() == Role.VIEWER) {
            return Future.failedFuture(GatewayException.forbidden("gateway API key '" + principal.keyName()
                + "' has role viewer, which may not call inference routes (expected: member or admin)"));
          }
          return BodyReader.read(req, maxBodyBytes);
        })
        .onSuccess(bytes -> route(ex, req, h, bytes, endpoint, timeoutMs))
        .onFailure(err -> drainAndFail(ex, req, err));
  }

  /** With a routing config the plan decides the targets; without one the model address names the only target. */
  private void route(Exchange ex, HttpServerRequest req, GatewayHeaders h, Buffer bytes, String endpoint,
      long timeoutMs) {
    InboundBody body;
    RoutingPlan smart;
    try {
      body = inspect(req, bytes, endpoint);
      smart = h.config() == null ? smartPlan(h, body.model()) : null;
    } catch (RuntimeException e) {
      drainAndFail(ex, req, e);
      return;
    }
    ex.stream = body.stream();
    if (h.config() != null) {
      plans.plan(h.config(), ex.principal.workspaceId(), h.prefix() + "config")
          .onSuccess(plan -> configured.run(ex, req, h, body, plan, endpoint, timeoutMs))
          .onFailure(err -> drainAndFail(ex, req, err));
      return;
    }
    if (smart != null) {
      configured.run(ex, req, h, body, smart, endpoint, timeoutMs);
      return;
    }
    resolver.resolve(h, body.model(), ex.principal)
        .onSuccess(target -> {
          ex.target = target;
          forwarder.forward(ex, req, h, body.withModel(target.model()), endpoint, timeoutMs);
        })
        .onFailure(err -> drainAndFail(ex, req, err));
  }

  /** A plan across every configured provider serving a bare model id, or null when the model is addressed. */
  private RoutingPlan smartPlan(GatewayHeaders h, String model) {
    if (model == null || h.provider() != null || h.virtualKey() != null || model.startsWith("@")) {
      return null;
    }
    int slash = model.indexOf('/');
    if (slash > 0 && ProviderTable.find(model.substring(0, slash)).isPresent()) {
      return null;
    }
    return smartRouter.plan(model, h.forwardHeaders(), random).orElse(null);
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
