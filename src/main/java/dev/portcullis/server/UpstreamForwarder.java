package dev.portcullis.server;

import dev.portcullis.api.Dialect;
import dev.portcullis.api.GatewayHeaders;
import dev.portcullis.api.anthropic.AnthropicUsageReader;
import dev.portcullis.api.openai.OpenAiUsageReader;
import dev.portcullis.error.GatewayException;
import dev.portcullis.observe.RequestRecord;
import dev.portcullis.provider.WireRequest;
import dev.portcullis.routing.Target;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Sends one call to a provider and relays the answer: passthrough answers byte for byte (JSON bodies whole, event
 * streams chunk by chunk as they arrive, with backpressure both ways), translated ones through the
 * {@link TranslatedRelay}. A client that leaves, or a timeout, resets the upstream request.
 */
final class UpstreamForwarder {

  private final HttpClient client;
  private final Vertx vertx;
  private final Consumer<RequestRecord> recorder;
  private final UpstreamCalls calls;
  private final TranslatedRelay translator = new TranslatedRelay(this);

  UpstreamForwarder(HttpClient client, Vertx vertx, Consumer<RequestRecord> recorder, UpstreamCalls calls) {
    this.client = client;
    this.vertx = vertx;
    this.recorder = recorder;
    this.calls = calls;
  }

  /**
   * The whole call for a request without a routing config: one target, its answer relayed or its error rendered.
   */
  void forward(Exchange ex, HttpServerRequest in, GatewayHeaders h, Buffer body, String endpoint, long timeoutMs) {
    HttpServerResponse out = in.response();
    startTimer(ex, out, timeoutMs, h);
    Target t = ex.target;
    UpstreamCall call;
    try {
      call = calls.prepare(ex, in, h, body, t, endpoint, h.forwardHeaders());
    } catch (RuntimeException e) {
      fail(ex, out, e);
      return;
    }
    if (call instanceof UpstreamCall.Local) {
      commit(ex, call, null, out);
      return;
    }
    send(ex, call, t, 0).onComplete(ar -> {
      if (ex.finished()) {
        return;
      }
      if (ar.failed()) {
        fail(ex, out, ar.cause());
      } else if (ar.result().statusCode() >= 400) {
        readError(t, ar.result()).onComplete(err -> fail(ex, out, err.result()));
      } else {
        commit(ex, call, ar.result(), out);
      }
    });
  }

  /** The call for one attempt of a routing plan; see {@link UpstreamCalls#prepare}. */
  UpstreamCall prepare(Exchange ex, HttpServerRequest in, GatewayHeaders h, Buffer body, Target t, String endpoint,
      List<String> forwardHeaders) {
    return calls.prepare(ex, in, h, body, t, endpoint, forwardHeaders);
  }

  /**
   * Sends one attempt to a target: credentials added by its adapter, then the request. Completes with the response
   * as soon as its head arrives, whatever its status; fails with a {@link GatewayException} when the credentials are
   * wrong, the provider cannot be reached or, with a positive {@code attemptTimeoutMs}, does not answer in time (the
   * attempt is then reset).
   */
  Future<HttpClientResponse> send(Exchange ex, UpstreamCall call, Target t, long attemptTimeoutMs) {
    Promise<HttpClientResponse> promise = Promise.promise();
    HttpClientRequest[] attempt = new HttpClientRequest[1];
    long timer = attemptTimeoutMs <= 0 ? -1 : vertx.setTimer(attemptTimeoutMs, id -> {
      boolean late = promise.tryFail(GatewayException.timeout("provider '" + t.provider().id()
          + "' did not answer within " + attemptTimeoutMs + " ms (request_timeout); the attempt was cancelled"));
      if (late && attempt[0] != null) {
        attempt[0].reset();
      }
    });
    calls.adapter(t).authorize(call.request(), t).onComplete(authorized -> {
      if (authorized.failed()) {
        promise.tryFail(authorized.cause());
        return;
      }
      WireRequest wire = authorized.result();
      client.request(options(wire, t)).onComplete(ar -> {
        if (ex.finished() || promise.future().isComplete()) {
          if (ar.succeeded()) {
            ar.result().reset();
          }
          return;
        }
        if (ar.failed()) {
          promise.tryFail(unreachable(t, ar.cause()));
          return;
        }
        HttpClientRequest up = ar.result();
        attempt[0] = up;
        ex.upstream = up;
        up.headers().addAll(wire.headers());
        up.send(wire.body()).onComplete(res -> {
          if (res.failed()) {
            promise.tryFail(unreachable(t, res.cause()));
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
  Future<GatewayException> readError(Target t, HttpClientResponse resp) {
    return resp.body().transform(ar -> Future.succeededFuture(calls.adapter(t).error(resp.statusCode(),
        resp.headers(), ar.succeeded() ? ar.result() : Buffer.buffer(), t)));
  }

  /** Discards an answer that will not be used (a failed attempt before a retry or fallback). */
  static void discard(HttpClientResponse resp) {
    resp.handler(null);
    resp.exceptionHandler(err -> {});
    resp.resume();
  }

  /**
   * Makes {@code resp} the answer: routing headers are set, then the body is relayed (or, for a local call with no
   * response, the gateway's own answer written). From here on the client has the response, so no further fallback
   * or retry can happen.
   */
  void commit(Exchange ex, UpstreamCall call, HttpClientResponse resp, HttpServerResponse out) {
    routingHeaders(ex, out);
    if (!call.request().dropped().isEmpty()) {
      out.putHeader(ex.prefix + "dropped-params", String.join(", ", call.request().dropped()));
    }
    switch (call) {
      case UpstreamCall.Passthrough p -> relay(ex, resp, out);
      case UpstreamCall.TranslatedChat chat -> translator.relay(ex, chat, resp, out);
      case UpstreamCall.TranslatedEndpoint endpoint -> translator.relay(ex, endpoint, resp, out);
      case UpstreamCall.Local local -> {
        ex.markFirstByte();
        out.setStatusCode(200).putHeader("content-type", "application/json").end(local.answer());
        succeed(ex, 200);
      }
    }
  }

  /** Says which provider answered, how many retries it took, and which config option served. */
  private static void routingHeaders(Exchange ex, HttpServerResponse out) {
    if (ex.target == null || out.headWritten()) {
      return;
    }
    out.putHeader(ex.prefix + "provider", ex.target.provider().id());
    out.putHeader(ex.prefix + "retry-attempt-count", Integer.toString(ex.retryAttemptCount));
    if (ex.lastUsedOptionIndex != null) {
      out.putHeader(ex.prefix + "last-used-option-index", ex.lastUsedOptionIndex);
    }
  }

  /** Starts the overall timer: when it fires the exchange ends with 408 and the current attempt is reset. */
  void startTimer(Exchange ex, HttpServerResponse out, long timeoutMs, GatewayHeaders h) {
    ex.timerId = vertx.setTimer(timeoutMs, id -> timedOut(ex, out, timeoutMs, h));
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

  private void relay(Exchange ex, HttpClientResponse resp, HttpServerResponse out) {
    int status = resp.statusCode();
    out.setStatusCode(status);
    resp.headers().forEach((name, value) -> {
      if (!hopByHop(name)) {
        out.headers().add(name, value);
      }
    });
    String contentType = resp.getHeader("content-type");
    if (contentType != null && contentType.startsWith("text/event-stream")) {
      relayStream(ex, resp, out);
    } else if (contentType != null && contentType.contains("json")) {
      resp.body().onComplete(ar -> {
        if (ex.finished()) {
          return;
        }
        if (ar.failed()) {
          fail(ex, out, unreachable(ex.target, ar.cause()));
          return;
        }
        Buffer body = ar.result();
        UsageCapture.fromJson(body, ex, usageReader(ex));
        ex.markFirstByte();
        out.end(body);
        succeed(ex, status);
      });
    } else {
      relayStream(ex, resp, out);
    }
  }

  /** The usage format of a passthrough answer: the client's dialect, which the provider speaks. */
  static UsageCapture.Reader usageReader(Exchange ex) {
    return ex.dialect.id() == Dialect.ANTHROPIC ? AnthropicUsageReader::read : OpenAiUsageReader::read;
  }

  /** Whether a header belongs to one connection only; compared without allocating a lower-cased copy. */
  private static boolean hopByHop(String name) {
    for (String h : UpstreamCalls.HOP_BY_HOP) {
      if (h.equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }

  private void relayStream(Exchange ex, HttpClientResponse resp, HttpServerResponse out) {
    boolean sse = resp.getHeader("content-type") != null && resp.getHeader("content-type").startsWith("text/event-stream");
    ex.stream = ex.stream || sse;
    String length = resp.getHeader("content-length");
    if (length != null) {
      out.putHeader("content-length", length);
    } else {
      out.setChunked(true);
    }
    UsageCapture usage = sse ? new UsageCapture(ex, usageReader(ex)) : null;
    out.writeHead();
    resp.handler(chunk -> {
      ex.markFirstByte();
      if (usage != null) {
        usage.accept(chunk);
      }
      out.write(chunk);
      if (out.writeQueueFull()) {
        resp.pause();
        out.drainHandler(v -> resp.resume());
      }
    });
    resp.exceptionHandler(err -> {
      if (!ex.finished()) {
        out.reset();
        complete(ex, 502, "upstream_error", "provider stream broke: " + err.getMessage());
      }
    });
    resp.endHandler(v -> {
      if (!ex.finished()) {
        out.end();
        succeed(ex, resp.statusCode());
      }
    });
  }

  private void timedOut(Exchange ex, HttpServerResponse out, long timeoutMs, GatewayHeaders h) {
    ex.timerId = -1;
    if (ex.finished()) {
      return;
    }
    fail(ex, out, GatewayException.timeout("request timed out after " + timeoutMs + " ms (limit set by "
        + (h.requestTimeoutMs() != null ? h.prefix() + "request-timeout" : "PORTCULLIS_REQUEST_TIMEOUT_MS")
        + "); the provider call was cancelled"));
    cancelUpstream(ex);
  }

  /** The client went away before the answer ended: cancel the provider call and record it. */
  void clientGone(Exchange ex) {
    if (ex.finished()) {
      return;
    }
    complete(ex, 499, "client_closed", "client closed the connection before the response ended");
    cancelUpstream(ex);
  }

  /** Resets the provider call; done after the exchange is finished, so the reset's own failure is ignored. */
  private static void cancelUpstream(Exchange ex) {
    if (ex.upstream != null) {
      ex.upstream.reset();
    }
  }

  void fail(Exchange ex, HttpServerResponse out, Throwable failure) {
    if (ex.finished()) {
      return;
    }
    GatewayException e = ErrorRenderer.toGatewayException(failure);
    routingHeaders(ex, out);
    ErrorRenderer.render(out, e, ex.dialect);
    complete(ex, e.status(), e.type(), e.getMessage());
  }

  void succeed(Exchange ex, int status) {
    complete(ex, status, null, null);
  }

  void complete(Exchange ex, int status, String errorType, String errorMessage) {
    if (ex.timerId != -1) {
      vertx.cancelTimer(ex.timerId);
      ex.timerId = -1;
    }
    RequestRecord record = ex.finish(status, errorType, errorMessage);
    if (record != null) {
      recorder.accept(record);
    }
  }

  static GatewayException unreachable(Target t, Throwable cause) {
    if (cause instanceof GatewayException g) {
      return g;
    }
    String reason = cause instanceof TimeoutException ? "timed out"
        : cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return GatewayException.upstreamUnreachable("provider '" + t.provider().id() + "' at " + t.baseUrl().getHost()
        + ":" + (t.baseUrl().getPort() == -1 ? ("https".equals(t.baseUrl().getScheme()) ? 443 : 80) : t.baseUrl().getPort())
        + " could not be reached: " + reason);
  }
}
