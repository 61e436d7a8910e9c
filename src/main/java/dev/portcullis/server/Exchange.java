package dev.portcullis.server;

import dev.portcullis.api.ChatDialect;
import dev.portcullis.api.GatewayHeaders;
import dev.portcullis.api.InboundBody;
import dev.portcullis.api.StreamEncoder;
import dev.portcullis.api.openai.OpenAiChatDialect;
import dev.portcullis.guard.GuardState;
import dev.portcullis.keys.ApiKeyService;
import dev.portcullis.keys.Principal;
import dev.portcullis.model.Usage;
import dev.portcullis.observe.AttemptRecord;
import dev.portcullis.observe.CallView;
import dev.portcullis.observe.RequestListener;
import dev.portcullis.observe.RequestRecord;
import dev.portcullis.policy.Consumption;
import dev.portcullis.policy.Cost;
import dev.portcullis.policy.Governance;
import dev.portcullis.policy.PolicyDecision;
import dev.portcullis.provider.Target;
import dev.portcullis.routing.HeaderRoute;
import dev.portcullis.routing.ModelAddress;
import dev.portcullis.routing.config.RoutingPlan;
import dev.portcullis.time.GatewayClock;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * One inbound call as it goes through the pipeline, confined to its event loop: filled in stage by stage, read by
 * listeners through {@link CallView}, and turned into a {@link RequestRecord} exactly once when the call ends
 * (answered, failed, or abandoned by the client). Every time it keeps comes from the one injected clock.
 */
final class Exchange implements CallView {

  final String id = RequestIds.next();
  final GatewayClock clock;
  final long startNanos;
  final Instant startedAt;
  final HttpServerRequest request;
  final HttpServerResponse response;
  final RequestListener listener;
  /**
   * The path after {@code /v1}, e.g. {@code /chat/completions}; a prompt call's becomes the endpoint its rendered
   * request goes to.
   */
  String endpoint;

  String traceId;
  String prefix = GatewayHeaders.NATIVE_PREFIX;
  ChatDialect dialect = OpenAiChatDialect.INSTANCE;
  GatewayHeaders headers;
  Map<String, String> metadata = Map.of();
  Principal principal;
  InboundBody body;
  ModelAddress address = ModelAddress.NONE;
  HeaderRoute route;
  RoutingPlan plan;
  /** Whether the plan is the call's own address (no config, no provider keys, no smart routing). */
  boolean direct;
  /** What the chosen target answered, for the relay. */
  Answer answer;
  /** What the call's guardrails found; null when its config has none. */
  GuardState guard;
  /** The relay's chunk-transform slot; null keeps passthrough a byte copy. */
  ChunkTransform transform;
  /** The client's stream encoder once a decoded stream is being written, so an error can end it in its format. */
  StreamEncoder encoder;
  Target target;
  int retries;
  String fallbackIndex;
  boolean stream;
  HttpClientRequest upstream;
  long timerId = -1;
  /** Why the call ended early (the gateway's timer, the client leaving), for the attempt that was cut off. */
  EndReason endReason;
  /** Prices and policy, once the policy stage has seen the call; null before. */
  Governance governance;
  /** What the policy rules said, or null when none applied. */
  PolicyDecision policy;
  /** {@code allow}, {@code deny}, {@code rate_limited} or {@code budget_exceeded}; null when no rule applied. */
  String policyVerdict;
  /** A whole answer's body, kept only when a matching rule asks for content logging. */
  String answerBody;
  /** What the cache did for the call ({@code HIT}, {@code MISS}...), or null when the call never reached it. */
  String cacheStatus;
  /** What a cache hit saved (the stored answer's usage at the provider's price), or null. */
  BigDecimal cacheSavedUsd;
  /** The prompt a prompt call was rendered from, its version and the label that chose it; null otherwise. */
  String promptId;
  Integer promptVersion;
  String promptLabel;

  private long firstByteNanos;
  final UsageTally tokens = new UsageTally();
  private int attemptCount;
  private List<AttemptRecord> attempts;
  private Map<AttachmentKey<?>, Object> attachments;
  private boolean finished;
  private Cost cost;

  /** Why a call ended before its answer did. */
  enum EndReason {
    /** The gateway's default request timeout fired: the provider was too slow. */
    GATEWAY_TIMEOUT,
    /** The timeout the caller set fired: the caller's choice, not the provider's fault. */
    CALLER_TIMEOUT,
    /** The client closed the connection. */
    CLIENT_GONE
  }

  Exchange(HttpServerRequest request, GatewayClock clock, RequestListener listener) {
    this.request = request;
    this.response = request.response();
    this.clock = clock;
    this.listener = listener;
    this.startNanos = clock.nanoTime();
    this.startedAt = clock.instant();
    String path = request.path();
    this.endpoint = path.startsWith("/v1") ? path.substring(3) : path;
  }

  /** Adds a usage report of the answer to the call's token counts. */
  void usage(Usage usage) {
    tokens.add(usage);
  }

  /** Puts {@code transform} in the relay's chunk-transform slot, after any transform already there. */
  void addTransform(ChunkTransform transform) {
    this.transform = this.transform == null ? transform : this.transform.then(transform);
  }

  /**
   * What the call cost from the usage its answer reported, at the price its workspace pays; null when no provider
   * answered, or a whole answer reported no usage. A stream that reported none is estimated: its input at one token
   * per four bytes of the body, its output at one token per {@code data:} event (OpenAI-format providers send about
   * one token per event). Asked once the answer's usage is complete (a whole answer's before its headers leave, a
   * stream's when it ends), and kept.
   */
  Cost cost() {
    if (cost != null || governance == null || target == null) {
      return cost;
    }
    String workspace = principal.workspaceId();
    if (tokens.promptTokens() != null || tokens.completionTokens() != null) {
      cost = governance.cost(workspace, target.provider().id(), target.model(), Consumption.tokens(
          tokens.promptTokens(), tokens.cachedTokens(), tokens.cacheWriteTokens(), tokens.completionTokens(),
          tokens.reasoningTokens()), false);
    } else if (stream && tokens.dataEvents() > 1) {
      int input = body == null ? 0 : (body.bytes().length() + 3) / 4;
      cost = governance.cost(workspace, target.provider().id(), target.model(),
          Consumption.tokens(input, null, null, tokens.dataEvents() - 1, null), true);
    }
    return cost;
  }

  /** Whether a matching policy rule asks to keep this call's request and answer bodies on its log row. */
  boolean logsContent() {
    return policy != null && policy.logContent();
  }

  /** Marks the first byte of the answer sent to the client, once, and tells the listeners. */
  void markFirstByte() {
    if (firstByteNanos == 0) {
      firstByteNanos = clock.nanoTime();
      listener.firstByte(this);
    }
  }

  /** The next attempt's number within the call: 0 for the first, counting every retry and fallback. */
  int nextAttemptIndex() {
    return attemptCount++;
  }

  void recordAttempt(AttemptRecord attempt) {
    if (attempts == null) {
      attempts = new ArrayList<>(2);
    }
    attempts.add(attempt);
  }

  List<AttemptRecord> attempts() {
    return attempts == null ? List.of() : attempts;
  }

  boolean finished() {
    return finished;
  }

  /** Ends the call once: builds its record and tells the listeners; later calls do nothing. */
  void finish(int status, String errorType, String errorMessage) {
    if (finished) {
      return;
    }
    finished = true;
    long now = clock.nanoTime();
    Cost spent = cost();
    RequestRecord record = RequestRecord.builder(id, startedAt)
        .traceId(traceId)
        .workspaceId(workspaceIdOrDefault())
        .apiKeyId(apiKeyId())
        .virtualKey(target == null ? null : target.virtualKey())
        .provider(target == null ? null : target.provider().id())
        .model(target == null ? null : target.model())
        .method(request.method().name())
        .path(request.path())
        .status(status)
        .stream(stream)
        .latencyMs((now - startNanos) / 1_000_000)
        .ttfbMs(firstByteNanos == 0 ? null : (firstByteNanos - startNanos) / 1_000_000)
        .tokens(tokens.promptTokens(), tokens.completionTokens(), tokens.totalTokens(), tokens.cachedTokens(),
            tokens.reasoningTokens())
        .metadata(metadata)
        .userId(metadata.get("_user"))
        .error(errorType, errorMessage)
        .retries(retries)
        .fallbackIndex(fallbackIndex)
        .attempts(attempts())
        .cost(spent == null ? null : spent.usd(), spent == null ? null : spent.status().wireName())
        .policy(policy == null ? List.of() : policy.ruleIds(), policyVerdict)
        .bodies(logsContent() && body != null ? body.bytes().toString() : null, answerBody)
        .guardrails(guard == null ? null : guard.verdict(), guard == null ? null : guard.hookResults().toString())
        .cache(cacheStatus, cacheSavedUsd)
        .prompt(promptId, promptVersion, promptLabel)
        .build();
    listener.ended(this, record);
  }

  private String workspaceIdOrDefault() {
    return principal == null ? ApiKeyService.DEFAULT_WORKSPACE : principal.workspaceId();
  }

  @Override
  public String requestId() {
    return id;
  }

  @Override
  public String traceId() {
    return traceId;
  }

  @Override
  public Instant startedAt() {
    return startedAt;
  }

  @Override
  public long startNanos() {
    return startNanos;
  }

  @Override
  public String method() {
    return request.method().name();
  }

  @Override
  public String path() {
    return request.path();
  }

  @Override
  public String header(String name) {
    return request.getHeader(name);
  }

  @Override
  public String workspaceId() {
    return principal == null ? null : principal.workspaceId();
  }

  @Override
  public String apiKeyId() {
    return principal == null ? null : principal.keyId();
  }

  @Override
  public Map<String, String> metadata() {
    return metadata;
  }

  @Override
  public String requestedModel() {
    return address.text();
  }

  @Override
  public boolean stream() {
    return stream;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T attachment(AttachmentKey<T> key) {
    return attachments == null ? null : (T) attachments.get(key);
  }

  @Override
  public <T> void attach(AttachmentKey<T> key, T value) {
    if (attachments == null) {
      attachments = new IdentityHashMap<>(4);
    }
    attachments.put(key, value);
  }

  @Override
  public String toString() {
    return "Exchange[" + id + " " + request.method() + " " + request.path() + (finished ? ", finished" : "") + "]";
  }
}
