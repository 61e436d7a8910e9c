package dev.portcullis.server;

import dev.portcullis.api.GatewayHeaders;
import dev.portcullis.api.anthropic.AnthropicChatDialect;
import dev.portcullis.error.GatewayException;
import dev.portcullis.observe.RequestListener;
import dev.portcullis.time.GatewayClock;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * The request path of every inference call ({@code /v1/*}), in one place. Each step is a {@link Stage}; this list
 * is their order:
 *
 * <pre>
 *   HTTP in: the dialect (OpenAI, or Anthropic on /v1/messages), gateway headers, trace id
 *   Authenticate   API key → principal (workspace, key, roles, metadata)
 *   ReadBody       body → model, stream flag, model address
 *   Prompt         a prompt call only: the prompt rendered into the chat request it stands for (or answered, render)
 *   Plan           config (header | key default) + model address → plan (a tree of targets; one for a direct call)
 *   Policy         rules → allow / deny / alert; limits and budget reserved (settled when the call ends)
 *   Input guards   checks on the request: deny (446), flag (246), redact; answer guards into the relay's slot
 *   Cache          answer from the cache, or store the answer on its way out (CacheStage)
 *   Execute        the plan's strategy over its targets: retries, timeouts, breakers
 *   Relay          the answer to the client, through the chunk-transform slot (output guards, cache store)
 *   Record         after the last byte: the listeners hear the call end (log, metrics, breakers, scores)
 * </pre>
 *
 * A failure anywhere is rendered once, by the relay, in the client's dialect.
 */
final class Pipeline implements Handler<HttpServerRequest> {

  /** Anthropic's Messages API: its requests, answers and errors are in Anthropic's format. */
  private static final String ANTHROPIC_PATH = "/v1/messages";

  private final List<Stage> stages;
  private final ResponseRelay relay;
  private final RequestListener listener;
  private final GatewayClock clock;

  /**
   * @param stages every stage in order, the relay last
   */
  Pipeline(List<Stage> stages, ResponseRelay relay, RequestListener listener, GatewayClock clock) {
    if (stages.isEmpty() || stages.getLast() != relay) {
      throw new IllegalArgumentException("the relay must be the last stage of " + stages);
    }
    this.stages = List.copyOf(stages);
    this.relay = relay;
    this.listener = listener;
    this.clock = clock;
  }

  /**
   * The pipeline of today's stages, in the order above.
   *
   * @param extra stages of extensions, run just before Execute
   */
  static Pipeline of(AuthenticateStage authenticate, ReadBodyStage readBody, PromptStage prompt, PlanStage plan,
      PolicyStage policy, InputGuardStage inputGuards, CacheStage cache, List<Stage> extra, ExecuteStage execute,
      ResponseRelay relay, RequestListener listener, GatewayClock clock) {
    List<Stage> stages = new ArrayList<>(List.of(authenticate, readBody, prompt, plan, policy, inputGuards, cache));
    stages.addAll(extra);
    stages.add(execute);
    stages.add(relay);
    return new Pipeline(stages, relay, listener, clock);
  }

  @Override
  public void handle(HttpServerRequest request) {
    request.pause();
    Exchange call = new Exchange(request, clock, listener);
    if (request.path().startsWith(ANTHROPIC_PATH)) {
      call.dialect = AnthropicChatDialect.INSTANCE;
    }
    try {
      RequestPathValidator.check(request.path(), request.query());
      call.headers = GatewayHeaders.parse(request.headers());
    } catch (GatewayException e) {
      call.traceId = RequestIds.next();
      call.response.putHeader(GatewayHeaders.NATIVE_PREFIX + "trace-id", call.traceId);
      listener.started(call);
      failUnread(call, e);
      return;
    }
    call.prefix = call.headers.prefix();
    call.traceId = call.headers.traceId() != null ? call.headers.traceId() : RequestIds.next();
    call.response.putHeader(call.prefix + "trace-id", call.traceId);
    call.response.closeHandler(v -> relay.clientGone(call));
    listener.started(call);
    Future<Void> done;
    try {
      done = Chain.of(stages).proceed(call);
    } catch (RuntimeException e) {
      done = Future.failedFuture(e);
    }
    done.onFailure(err -> failUnread(call, err));
  }

  /** Fails the call; a body not yet read is discarded so the connection stays usable. */
  private void failUnread(Exchange call, Throwable err) {
    HttpServerRequest request = call.request;
    if (!request.isEnded()) {
      if (err instanceof GatewayException.PayloadTooLarge) {
        call.response.putHeader("connection", "close");
      }
      request.handler(chunk -> {});
      request.resume();
    }
    relay.fail(call, err);
  }

  @Override
  public String toString() {
    return "Pipeline" + stages;
  }
}
