package dev.portcullis.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.portcullis.api.BodyOverrides;
import dev.portcullis.api.GatewayHeaders;
import dev.portcullis.api.InboundBody;
import dev.portcullis.error.GatewayException;
import dev.portcullis.routing.Target;
import dev.portcullis.routing.TargetResolver;
import dev.portcullis.routing.config.AttemptResult;
import dev.portcullis.routing.config.PlanExecutor;
import dev.portcullis.routing.config.RetryAfterReader;
import dev.portcullis.routing.config.RoutingFacts;
import dev.portcullis.routing.config.RoutingPlan;
import dev.portcullis.routing.config.TargetNode;
import dev.portcullis.routing.smart.ProviderScores;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;

/**
 * The call for a request with a routing config: the {@link PlanExecutor} picks targets, each attempt goes through
 * the {@link UpstreamForwarder}, and the first answer with a non-error status is committed. An attempt counts as
 * answered when its response head arrives, before any byte reaches the client, which is what makes fallback and
 * retry safe for streams.
 */
final class ConfiguredCall {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * An attempt that answered: the target it went to, the call made and its response, not yet read (null for a
   * call the gateway answered itself).
   */
  private record Answered(Target target, UpstreamCall call, HttpClientResponse response) {}

  private final PlanExecutor executor;
  private final TargetResolver resolver;
  private final UpstreamForwarder forwarder;
  private final RetryAfterReader retryAfter;
  private final ProviderScores scores;

  ConfiguredCall(PlanExecutor executor, TargetResolver resolver, UpstreamForwarder forwarder,
      RetryAfterReader retryAfter, ProviderScores scores) {
    this.executor = executor;
    this.resolver = resolver;
    this.forwarder = forwarder;
    this.retryAfter = retryAfter;
    this.scores = scores;
  }

  void run(Exchange ex, HttpServerRequest in, GatewayHeaders h, InboundBody body, RoutingPlan plan, String endpoint,
      long timeoutMs) {
    HttpServerResponse out = in.response();
    forwarder.startTimer(ex, out, timeoutMs, h);
    RoutingFacts facts = new RoutingFacts(ex.metadata,
        plan.hasConditions() ? params(body) : MissingNode.getInstance(), in.path());
    executor.execute(plan, facts, (node, attempt) -> attempt(ex, in, h, body, node, endpoint)).onComplete(ar -> {
      if (ex.finished()) {
        if (ar.succeeded() && ar.result().result() instanceof AttemptResult.Success s
            && ((Answered) s.response()).response() != null) {
          UpstreamForwarder.discard(((Answered) s.response()).response());
        }
        return;
      }
      if (ar.failed()) {
        forwarder.fail(ex, out, ar.cause());
        return;
      }
      ex.lastUsedOptionIndex = ar.result().lastUsedOptionIndex();
      ex.retryAttemptCount = ar.result().retryAttemptCount();
      switch (ar.result().result()) {
        case AttemptResult.Success s -> {
          Answered answered = (Answered) s.response();
          ex.target = answered.target();
          forwarder.commit(ex, answered.call(), answered.response(), out);
        }
        case AttemptResult.Failure f -> forwarder.fail(ex, out, f.error() != null ? f.error()
            : GatewayException.upstreamUnreachable("every target failed (last status " + f.status() + ")"));
      }
    });
  }

  private Future<AttemptResult> attempt(Exchange ex, HttpServerRequest in, GatewayHeaders h, InboundBody body,
      TargetNode node, String endpoint) {
    if (ex.finished()) {
      return Future.succeededFuture(AttemptResult.connectionError(
          GatewayException.upstreamUnreachable("the request already ended")));
    }
    return resolver.resolve(node, h, body.model(), ex.principal).compose(target -> {
      ex.target = target;
      Buffer patched = body.withModel(target.model());
      if (body.json() && BodyOverrides.needed(node.overrideParams())) {
        patched = BodyOverrides.apply(patched, node.overrideParams());
      }
      UpstreamCall call = forwarder.prepare(ex, in, h, patched, target, endpoint, node.forwardHeaders());
      if (call instanceof UpstreamCall.Local) {
        return Future.succeededFuture(AttemptResult.success(new Answered(target, call, null)));
      }
      long timeout = node.requestTimeoutMs().isPresent() ? node.requestTimeoutMs().getAsLong() : 0;
      long started = System.nanoTime();
      return forwarder.send(ex, call, target, timeout)
          .compose(resp -> outcome(target, call, resp))
          .recover(failure -> Future.succeededFuture(asFailure(failure)))
          .andThen(done -> scores.record(target.provider().id(), (System.nanoTime() - started) / 1_000_000,
              done.result() instanceof AttemptResult.Failure f && f.blamesTarget()));
    }).recover(failure -> Future.succeededFuture(asFailure(failure)));
  }

  private Future<AttemptResult> outcome(Target target, UpstreamCall call, HttpClientResponse resp) {
    if (resp.statusCode() < 400) {
      return Future.succeededFuture(AttemptResult.success(new Answered(target, call, resp)));
    }
    return forwarder.readError(target, resp).map(error ->
        new AttemptResult.Failure(resp.statusCode(), retryAfter.read(resp::getHeader), error));
  }

  private static AttemptResult asFailure(Throwable failure) {
    GatewayException e = ErrorRenderer.toGatewayException(failure);
    if (e instanceof GatewayException.UpstreamUnreachable) {
      return AttemptResult.connectionError(e);
    }
    return new AttemptResult.Failure(e.status(), null, e);
  }

  /**
   * The body as conditions see it ({@code params.*}); only JSON bodies have params. Parsed only for plans with
   * conditions, so fallback, load-balancing, smart and provider-key plans never build a tree of the body.
   */
  private static JsonNode params(InboundBody body) {
    if (!body.json()) {
      return MissingNode.getInstance();
    }
    try {
      return JSON.readTree(body.bytes().getBytes());
    } catch (IOException e) {
      return MissingNode.getInstance();
    }
  }
}
