package dev.portcullis.server;

import dev.portcullis.error.GatewayException;
import dev.portcullis.provider.ProviderAdapters;
import dev.portcullis.provider.Target;
import dev.portcullis.provider.WireRequest;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.URI;
import java.util.concurrent.TimeoutException;

/**
 * Sends one attempt to a provider on this event loop's pooled client, so a call's upstream connection is served by
 * the event loop of its inbound connection: credentials added by the provider's adapter, then the request.
 */
final class AttemptSender {

  private final HttpClient client;
  private final Vertx vertx;
  private final ProviderAdapters adapters;

  AttemptSender(HttpClient client, Vertx vertx, ProviderAdapters adapters) {
    this.client = client;
    this.vertx = vertx;
    this.adapters = adapters;
  }

  /**
   * Completes with the response as soon as its head arrives, whatever its status; fails with a
   * {@link GatewayException} when the credentials are wrong, the provider cannot be reached or, with a positive
   * {@code timeoutMs}, does not answer in time (the attempt is then reset).
   *
   * @param extraHeaders headers listeners added to this attempt (a trace context), set after the call's own
   */
  Future<HttpClientResponse> send(Exchange call, UpstreamCall upstream, Target target, long timeoutMs,
      MultiMap extraHeaders) {
    Promise<HttpClientResponse> promise = Promise.promise();
    HttpClientRequest[] attempt = new HttpClientRequest[1];
    long timer = timeoutMs <= 0 ? -1 : vertx.setTimer(timeoutMs, id -> {
      boolean late = promise.tryFail(GatewayException.timeout("provider '" + target.provider().id()
          + "' did not answer within " + timeoutMs + " ms (request_timeout); the attempt was cancelled"));
      if (late && attempt[0] != null) {
        attempt[0].reset();
      }
    });
    adapters.of(target.provider()).authorize(upstream.request(), target).onComplete(authorized -> {
      if (authorized.failed()) {
        promise.tryFail(authorized.cause());
        return;
      }
      WireRequest wire = authorized.result();
      client.request(options(wire, target)).onComplete(ar -> {
        if (call.finished() || promise.future().isComplete()) {
          if (ar.succeeded()) {
            ar.result().reset();
          }
          return;
        }
        if (ar.failed()) {
          promise.tryFail(unreachable(target, ar.cause()));
          return;
        }
        HttpClientRequest up = ar.result();
        attempt[0] = up;
        call.upstream = up;
        up.headers().addAll(wire.headers());
        if (extraHeaders != null) {
          up.headers().setAll(extraHeaders);
        }
        up.send(wire.body()).onComplete(res -> {
          if (res.failed()) {
            promise.tryFail(unreachable(target, res.cause()));
          } else {
            promise.tryComplete(res.result());
          }
        });
      });
    });
    Future<HttpClientResponse> future = promise.future();
    return timer == -1 ? future : future.andThen(done -> vertx.cancelTimer(timer));
  }

  /** Reads a provider's error answer into the gateway's error (status and message kept, secrets removed). */
  Future<GatewayException> readError(Target target, HttpClientResponse response) {
    return response.body().transform(ar -> Future.succeededFuture(adapters.of(target.provider())
        .error(response.statusCode(), response.headers(), ar.succeeded() ? ar.result() : Buffer.buffer(), target)));
  }

  /** Discards an answer that will not be used (a failed attempt before a retry or fallback). */
  static void discard(HttpClientResponse response) {
    response.handler(null);
    response.exceptionHandler(err -> {});
    response.resume();
  }

  private static RequestOptions options(WireRequest wire, Target t) {
    URI url = wire.url();
    boolean ssl = "https".equals(url.getScheme());
    int port = url.getPort() != -1 ? url.getPort() : ssl ? 443 : 80;
    String query = url.getRawQuery();
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    RequestOptions o = new RequestOptions().setMethod(wire.method()).setHost(url.getHost()).setPort(port)
        .setSsl(ssl).setURI(query == null ? path : path + "?" + query);
    if (t.pinnedAddress() != null) {
      o.setServer(SocketAddress.inetSocketAddress(port, t.pinnedAddress().getHostAddress()));
    }
    return o;
  }

  static GatewayException unreachable(Target t, Throwable cause) {
    if (cause instanceof GatewayException g) {
      return g;
    }
    String reason = cause instanceof TimeoutException ? "timed out"
        : cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    URI base = t.baseUrl();
    int port = base.getPort() != -1 ? base.getPort() : "https".equals(base.getScheme()) ? 443 : 80;
    return GatewayException.upstreamUnreachable("provider '" + t.provider().id() + "' at " + base.getHost() + ":"
        + port + " could not be reached: " + reason);
  }
}
