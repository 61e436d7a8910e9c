package dev.portcullis.server;

import dev.portcullis.error.GatewayException;
import dev.portcullis.guard.GuardRunner;
import dev.portcullis.time.GatewayClock;
import dev.portcullis.routing.config.Delayer;
import dev.portcullis.routing.config.PlanExecutor;
import dev.portcullis.routing.config.RetryAfterReader;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One event loop's share of the gateway: its own HTTP server (all instances share the port) and its own pooled
 * upstream client, over the services every instance shares. Inference calls ({@code /v1/*}) go straight to the
 * request path; everything else goes through the router.
 */
final class GatewayVerticle extends VerticleBase {

  private static final int ADMIN_BODY_LIMIT = 1024 * 1024;
  private static final int MAX_HEADER_BYTES = 32 * 1024;
  private static final int MAX_REQUEST_LINE_BYTES = 8192;
  /** How long a stopping gateway lets the calls in flight finish before it closes their connections. */
  static final long DRAIN_SECONDS = 25;

  private final GatewayServices services;
  private final int port;
  private final HttpClient client;
  private HttpServer server;
  private volatile int actualPort;
  private volatile Thread eventLoop;

  GatewayVerticle(GatewayServices services, int port, HttpClient client) {
    this.services = services;
    this.port = port;
    this.client = client;
  }

  /**
   * The pooled client one instance sends upstream calls with. It is built before the instances are deployed, on
   * the deploying thread: building it takes an event loop for the pool's cleaner timer, and taken inside
   * {@link #start()} that would race with the deployment handing out event loops round robin, so that now and then
   * every instance (and so every connection) landed on one event loop while the others idled.
   */
  static HttpClient upstreamClient(Vertx vertx) {
    return vertx.httpClientBuilder()
        .with(new HttpClientOptions()
            .setTcpNoDelay(true)
            .setKeepAlive(true)
            .setKeepAliveTimeout(30)
            .setConnectTimeout(10_000)
            .setMaxInitialLineLength(8192)
            .setDecoderInitialBufferSize(1024))
        .with(new PoolOptions().setHttp1MaxSize(4096).setMaxWaitQueueSize(-1))
        .build();
  }

  @Override
  public Future<?> start() {
    eventLoop = Thread.currentThread();
    GatewayClock clock = services.clock();
    ResponseRelay relay = new ResponseRelay(vertx, services.adapters());
    PlanExecutor executor = new PlanExecutor(services.breakers(), new SplittableRandom(), Delayer.onTimers(vertx));
    ExecuteStage execute = new ExecuteStage(executor, services.resolver(), new UpstreamCalls(services.adapters()),
        new AttemptSender(client, vertx, services.adapters()), new RetryAfterReader(clock), relay, vertx,
        services.config().requestTimeout().toMillis());
    Pipeline inference = Pipeline.of(
        new AuthenticateStage(services.authenticator()),
        new ReadBodyStage(services.bodies()),
        new PromptStage(services.prompts(), relay, vertx, new Random()),
        new PlanStage(services.plans(), services.smartRouter(), services.providerKeys()),
        new PolicyStage(services.governance(), services.alerts(), services.policyAlertCooldown(), vertx),
        new InputGuardStage(new GuardRunner(client,
            url -> services.hostGuard().check(url, "webhookURL"), clock), services.guardrails()),
        new CacheStage(services.cache(), relay, vertx),
        services.extensions().stages().stream().map(Supplier::get).toList(),
        execute,
        relay,
        services.listener(),
        clock);

    Router router = Router.router(vertx);
    router.get("/health").handler(ctx -> ctx.json(new JsonObject().put("status", "ok")));
    router.get("/ready").handler(this::ready);
    router.get("/metrics").handler(new MetricsAccess(services.config().metricsToken())).handler(ctx -> ctx.response()
        .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
        .end(services.metrics().scrape()));
    router.route("/admin/v1/*").handler(BodyHandler.create(false).setBodyLimit(ADMIN_BODY_LIMIT));
    services.adminApi().mount(router);
    if (services.config().dashboard()) {
      services.dashboard().mount(router, client);
    }
    router.route().last().handler(ctx -> ctx.fail(GatewayException.notFound("no route for "
        + ctx.request().method() + " " + ctx.request().path()
        + " (expected: /v1/..., /admin/v1/..., /dashboard, /health or /ready)")));
    router.route().failureHandler(GatewayVerticle::renderFailure);

    server = vertx.createHttpServer(new HttpServerOptions()
        .setHost(services.config().host())
        .setPort(port)
        .setTcpNoDelay(true)
        // Never SO_REUSEPORT: with it a second gateway started on the same port would bind too, and the kernel would
        // split connections between the two silently. The instances of this process share one socket instead.
        .setReusePort(false)
        .setHttp2ClearTextEnabled(false)
        .setIdleTimeout(0)
        .setMaxHeaderSize(MAX_HEADER_BYTES)
        .setMaxInitialLineLength(MAX_REQUEST_LINE_BYTES)
        .setCompressionSupported(false)
        // The gateway serves no WebSockets; with these on, every connection carries a handler that inspects each
        // request and response for a WebSocket handshake.
        .setPerMessageWebSocketCompressionSupported(false)
        .setPerFrameWebSocketCompressionSupported(false));
    server.connectionHandler(services.connections()::accept)
        .invalidRequestHandler(GatewayVerticle::invalidRequest);
    return server.requestHandler(req -> {
      if (req.path().startsWith("/v1/")) {
        inference.handle(req);
      } else {
        router.handle(req);
      }
    }).listen().onSuccess(s -> actualPort = s.actualPort());
  }

  /** The event-loop thread this instance runs on, once started. */
  Thread eventLoop() {
    return eventLoop;
  }

  /** The port this instance listens on (the shared random port when started with a negative port). */
  int actualPort() {
    return actualPort;
  }

  private void ready(RoutingContext ctx) {
    vertx.executeBlocking(services::ready, false).onComplete(ar -> {
      boolean ok = ar.succeeded() && ar.result();
      ctx.response().setStatusCode(ok ? 200 : 503);
      ctx.json(new JsonObject().put("status", ok ? "ready" : "not ready"));
    });
  }

  private static void renderFailure(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    GatewayException e;
    if (failure != null) {
      e = ErrorRenderer.toGatewayException(failure);
    } else {
      e = switch (ctx.statusCode()) {
        case 413 -> GatewayException.payloadTooLarge(ADMIN_BODY_LIMIT, "the admin API's fixed limit");
        case 405 -> GatewayException.notFound("method " + ctx.request().method() + " is not allowed on "
            + ctx.request().path());
        case 404 -> GatewayException.notFound("no route for " + ctx.request().method() + " " + ctx.request().path());
        default -> GatewayException.badRequest("request could not be handled (HTTP " + ctx.statusCode() + ")");
      };
    }
    ErrorRenderer.render(ctx.response(), e);
  }

  /** A request the HTTP decoder could not read: the usual JSON error, then the connection closes. */
  private static void invalidRequest(HttpServerRequest req) {
    Throwable cause = req.decoderResult().cause();
    GatewayException e = cause instanceof TooLongHttpLineException
        ? GatewayException.uriTooLong("request line is longer than " + MAX_REQUEST_LINE_BYTES
            + " bytes (expected: a shorter path and query)")
        : cause instanceof TooLongHttpHeaderException
            ? GatewayException.headerFieldsTooLarge("request headers are larger than " + MAX_HEADER_BYTES
                + " bytes (expected: fewer or shorter headers)")
            : GatewayException.badRequest("request is not valid HTTP/1.1 (expected: a request line, headers and "
                + "a body as RFC 9112 describes)");
    req.response().putHeader("connection", "close");
    ErrorRenderer.render(req.response(), e);
    req.connection().close();
  }

  /**
   * Stops accepting connections and lets the calls in flight finish, streams included, {@link #DRAIN_SECONDS} at
   * most; idle connections close at once. Completes when the last connection has closed.
   */
  Future<Void> drain() {
    return server.shutdown(DRAIN_SECONDS, TimeUnit.SECONDS);
  }

  @Override
  public Future<?> stop() {
    return client.close();
  }
}
