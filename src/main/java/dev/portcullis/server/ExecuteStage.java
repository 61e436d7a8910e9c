package dev.portcullis.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.portcullis.api.BodyOverrides;
import dev.portcullis.api.InboundBody;
import dev.portcullis.error.GatewayException;
import dev.portcullis.observe.AttemptOutcome;
import dev.portcullis.observe.AttemptRecord;
import dev.portcullis.provider.Target;
import dev.portcullis.routing.TargetResolver;
import dev.portcullis.routing.config.AttemptResult;
import dev.portcullis.routing.config.BreakerRegistry;
import dev.portcullis.routing.config.PlanExecutor;
import dev.portcullis.routing.config.RetryAfterReader;
import dev.portcullis.routing.config.RoutingFacts;
import dev.portcullis.routing.config.TargetNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Execute: the plan's strategy over its targets, each attempt resolved, prepared and sent with its retry, timeout and
 * breaker. An attempt counts as answered when its response head arrives with a status below 400, before any byte
 * reaches the client, which is what makes fallback and retry safe for streams; that answer goes on to the relay.
 * Every attempt is heard by the listeners (started, ended with its outcome) and kept on the call's record.
 */
final class ExecuteStage implements Stage {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final PlanExecutor executor;
  private final TargetResolver resolver;
  private final UpstreamCalls calls;
  private final AttemptSender sender;
  private final RetryAfterReader retryAfter;
  private final ResponseRelay relay;
  private final Vertx vertx;
  private final long defaultTimeoutMs;

  ExecuteStage(PlanExecutor executor, TargetResolver resolver, UpstreamCalls calls, AttemptSender sender,
      RetryAfterReader retryAfter, ResponseRelay relay, Vertx vertx, long defaultTimeoutMs) {
    this.executor = executor;
    this.resolver = resolver;
    this.calls = calls;
    this.sender = sender;
    this.retryAfter = retryAfter;
    this.relay = relay;
    this.vertx = vertx;
    this.defaultTimeoutMs = defaultTimeoutMs;
  }

  @Override
  public Future<Void> serve(Exchange call, Chain next) {
    startTimer(call);
    RoutingFacts facts = new RoutingFacts(call.metadata,
        call.plan.hasConditions() ? params(call.body) : MissingNode.getInstance(), call.request.path());
    return executor.execute(call.plan, facts, call.principal.workspaceId(), (node, retry) -> attempt(call, node))
        .compose(execution -> {
          if (call.finished()) {
            if (execution.result() instanceof AttemptResult.Success s && s.response() instanceof Answer.Upstream u) {
              AttemptSender.discard(u.response());
            }
            return Future.succeededFuture();
          }
          call.retries = execution.retryAttemptCount();
          call.fallbackIndex = call.direct ? null : execution.lastUsedOptionIndex();
          return switch (execution.result()) {
            case AttemptResult.Success s -> {
              call.answer = (Answer) s.response();
              yield next.proceed(call);
            }
            case AttemptResult.Failure f -> Future.failedFuture(failure(call, f));
          };
        });
  }

  /** One attempt at one target; completes with its result whatever happens, and is heard by the listeners. */
  private Future<AttemptResult> attempt(Exchange call, TargetNode node) {
    Attempt attempt = new Attempt(call.nextAttemptIndex(), call.direct ? null : node.path(),
        BreakerRegistry.key(call.principal.workspaceId(), node));
    long started = call.clock.nanoTime();
    Future<AttemptResult> result = call.finished()
        ? Future.succeededFuture(AttemptResult.connectionError(GatewayException.upstreamUnreachable(
            "the request already ended")))
        : resolver.resolve(node, call.route, call.address, call.principal)
            .compose(target -> send(call, node, attempt, target));
    return result.recover(failure -> Future.succeededFuture(asFailure(failure)))
        .map(done -> {
          ended(call, attempt, done, call.clock.nanoTime() - started);
          return done;
        });
  }

  private Future<AttemptResult> send(Exchange call, TargetNode node, Attempt attempt, Target target) {
    call.target = target;
    attempt.target(target);
    InboundBody body = call.body;
    Buffer patched = body.withModel(target.model());
    if (body.json() && BodyOverrides.needed(node.overrideParams())) {
      patched = BodyOverrides.apply(patched, node.overrideParams());
    }
    boolean mayAskForUsage = body.mayAskForUsage() && !node.overrideParams().has("stream_options");
    UpstreamCall upstream = calls.prepare(call, patched, mayAskForUsage, target, forwardHeaders(call, node));
    attempt.announced = true;
    call.listener.attemptStarted(call, attempt);
    if (upstream instanceof UpstreamCall.Local local) {
      return Future.succeededFuture(AttemptResult.success(new Answer.Local(upstream, local.answer())));
    }
    attempt.sent = true;
    long timeout = node.requestTimeoutMs().isPresent() ? node.requestTimeoutMs().getAsLong() : 0;
    return sender.send(call, upstream, target, timeout, attempt.headers())
        .compose(response -> outcome(target, upstream, response));
  }

  private Future<AttemptResult> outcome(Target target, UpstreamCall upstream, HttpClientResponse response) {
    if (response.statusCode() < 400) {
      return Future.succeededFuture(AttemptResult.success(new Answer.Upstream(upstream, response)));
    }
    return sender.readError(target, response).map(error ->
        new AttemptResult.Failure(response.statusCode(), retryAfter.read(response::getHeader), error));
  }

  /** The headers a config target forwards and those the request asks to forward, both. */
  private static List<String> forwardHeaders(Exchange call, TargetNode node) {
    List<String> requested = call.headers.forwardHeaders();
    if (node.forwardHeaders().isEmpty()) {
      return requested;
    }
    if (requested.isEmpty()) {
      return node.forwardHeaders();
    }
    Set<String> both = new LinkedHashSet<>(node.forwardHeaders());
    both.addAll(requested);
    return List.copyOf(both);
  }

  /** The listeners hear how the attempt ended, and the call's record keeps it. */
  private static void ended(Exchange call, Attempt attempt, AttemptResult result, long durationNanos) {
    AttemptOutcome outcome = outcome(call, attempt, result, durationNanos);
    if (!attempt.announced) {
      attempt.announced = true;
      call.listener.attemptStarted(call, attempt);
    }
    call.listener.attemptEnded(call, attempt, outcome);
    call.recordAttempt(new AttemptRecord(attempt.option(), attempt.provider(), attempt.model(),
        attempt.virtualKey(), outcome.status(), outcome.errorType(), durationNanos / 1_000_000));
  }

  /**
   * What an attempt says about its target. The target's own 5xx and 429, a connection error, and the gateway's
   * default timeout count against it; a timeout the caller chose, a client that left, or a failure before the
   * request was sent say nothing about it; any other answer (a 4xx the caller caused) counts for it.
   */
  private static AttemptOutcome outcome(Exchange call, Attempt attempt, AttemptResult result, long durationNanos) {
    return switch (result) {
      case AttemptResult.Success s -> new AttemptOutcome(
          s.response() instanceof Answer.Upstream u ? u.response().statusCode() : 200, null, durationNanos, false);
      case AttemptResult.Failure f -> {
        GatewayException error = f.error() == null ? null : ErrorRenderer.toGatewayException(f.error());
        String type = error == null ? "upstream_error" : error.code() != null ? error.code() : error.type();
        if (call.endReason != null) {
          yield new AttemptOutcome(0, call.endReason == Exchange.EndReason.CLIENT_GONE ? "client_closed"
              : "request_timeout", durationNanos, call.endReason == Exchange.EndReason.GATEWAY_TIMEOUT);
        } else if (!attempt.sent || error instanceof GatewayException.RequestTimeout) {
          yield new AttemptOutcome(0, type, durationNanos, false);
        } else if (f.status() == AttemptResult.CONNECTION_ERROR) {
          yield new AttemptOutcome(0, type, durationNanos, true);
        } else {
          yield new AttemptOutcome(f.status(), type, durationNanos, f.status() == 429 || f.status() >= 500);
        }
      }
    };
  }

  /** The error the client gets when every target failed: the last one's, naming every attempt when there were more. */
  private static GatewayException failure(Exchange call, AttemptResult.Failure f) {
    GatewayException e = f.error() != null ? ErrorRenderer.toGatewayException(f.error())
        : GatewayException.upstreamUnreachable("every target failed (last status " + f.status() + ")");
    List<AttemptRecord> attempts = call.attempts();
    if (attempts.size() < 2) {
      return e;
    }
    StringJoiner each = new StringJoiner("; ", " (attempts: ", ")");
    for (AttemptRecord a : attempts) {
      each.add((a.option() == null ? "" : a.option() + " ") + (a.provider() == null ? "not sent" : a.provider())
          + ": " + (a.status() > 0 ? "HTTP " + a.status() : a.errorType() == null ? "no answer" : a.errorType()));
    }
    return e.withDetail(each.toString());
  }

  private static AttemptResult asFailure(Throwable failure) {
    GatewayException e = ErrorRenderer.toGatewayException(failure);
    if (e instanceof GatewayException.UpstreamUnreachable) {
      return AttemptResult.connectionError(e);
    }
    return new AttemptResult.Failure(e.status(), null, e);
  }

  /** Starts the call's overall timer: when it fires the call ends with 408 and the attempt in flight is reset. */
  private void startTimer(Exchange call) {
    Long chosen = call.headers.requestTimeoutMs();
    long timeoutMs = chosen != null ? chosen : defaultTimeoutMs;
    call.timerId = vertx.setTimer(timeoutMs, id -> {
      call.timerId = -1;
      if (call.finished()) {
        return;
      }
      call.endReason = chosen != null ? Exchange.EndReason.CALLER_TIMEOUT : Exchange.EndReason.GATEWAY_TIMEOUT;
      relay.fail(call, GatewayException.timeout("request timed out after " + timeoutMs + " ms (limit set by "
          + (chosen != null ? call.prefix + "request-timeout" : "PORTCULLIS_REQUEST_TIMEOUT_MS")
          + "); the provider call was cancelled"));
      relay.cancelUpstream(call);
    });
  }

  /**
   * The body as conditions see it ({@code params.*}); only JSON bodies have params. Parsed only for plans with
   * conditions, so other plans never build a tree of the body.
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

  @Override
  public String toString() {
    return "Execute";
  }
}
