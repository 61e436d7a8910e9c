package dev.portcullis.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.cache.CacheKey;
import dev.portcullis.cache.CacheMode;
import dev.portcullis.cache.CacheSettings;
import dev.portcullis.cache.CacheStatus;
import dev.portcullis.cache.ResponseCache;
import dev.portcullis.cache.SemanticCache;
import dev.portcullis.cache.SemanticQuestion;
import dev.portcullis.error.GatewayException;
import dev.portcullis.model.ChatResponse;
import dev.portcullis.routing.config.TargetNode;
import dev.portcullis.model.Usage;
import dev.portcullis.policy.Consumption;
import dev.portcullis.routing.ModelAddress;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.math.BigDecimal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cache: a call whose routing config (or else gateway key) sets {@code cache} is answered from a stored answer when
 * there is one (through the relay, without a provider call), else goes on with the cache's store in the relay's
 * chunk-transform slot. Every call leaves with a {@code -cache-status} header and the same word on its log row; a call
 * without a cache pays for one header and nothing else, so passthrough stays a byte copy. Only chat calls
 * ({@code /v1/chat/completions}, {@code /v1/messages}) are cached. In semantic mode an exact repeat is a hit too; else
 * the last user message is embedded off the event loop and matched against the stored questions of the same exact
 * part (see {@link SemanticCache}).
 */
final class CacheStage implements Stage {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger LOG = LoggerFactory.getLogger(CacheStage.class);

  /** The longest {@code -cache-namespace} accepted. */
  static final int MAX_NAMESPACE_LENGTH = 128;

  private final ResponseCache cache;
  private final ResponseRelay relay;
  private final Vertx vertx;

  CacheStage(ResponseCache cache, ResponseRelay relay, Vertx vertx) {
    this.cache = cache;
    this.relay = relay;
    this.vertx = vertx;
  }

  @Override
  public Future<Void> serve(Exchange call, Chain next) {
    try {
      return lookup(call, next);
    } catch (GatewayException e) {
      return Future.failedFuture(e);
    }
  }

  private Future<Void> lookup(Exchange call, Chain next) {
    CacheSettings settings = call.direct && call.principal.cache() == null ? null : settings(call);
    if (settings == null || !call.body.json() || !call.endpoint.equals(UpstreamCalls.chatEndpoint(call.dialect.id()))) {
      status(call, CacheStatus.DISABLED);
      return next.proceed(call);
    }
    SemanticCache semantic = cache.semantic();
    boolean semanticMode = settings.mode() == CacheMode.SEMANTIC;
    if (semanticMode && !semantic.available()) {
      throw GatewayException.badRequest("cache.mode 'semantic' is not available in this build: it was built without "
          + "its embedding model (-Dslim) (expected: \"simple\", or a build with the model)", "cache.mode");
    }
    String workspace = call.principal.workspaceId();
    String namespace = namespace(call);
    String scope = scope(call);
    ObjectNode body = CacheKey.parse(call.body.bytes().getBytes());
    CacheKey key = CacheKey.of(workspace, namespace, scope, body);
    SemanticQuestion question = semanticMode ? semantic.question(workspace, namespace, scope, body).orElse(null) : null;
    if (forceRefresh(call)) {
      status(call, CacheStatus.REFRESH);
      call.addTransform(write(key, settings, question, null));
      return next.proceed(call);
    }
    return cache.find(key).compose(found -> {
      if (call.finished()) {
        return Future.succeededFuture();
      }
      if (found != null) {
        return hit(call, CacheStatus.HIT, found);
      }
      if (question == null) {
        return miss(call, next, semanticMode ? CacheStatus.SEMANTIC_MISS : CacheStatus.MISS,
            write(key, settings, null, null));
      }
      return semantic.embed(vertx, question.text()).compose(vector -> {
        CacheKey near = semantic.nearest(question, vector);
        return (near == null ? Future.<ChatResponse>succeededFuture() : cache.find(near))
            .compose(answer -> {
              if (call.finished()) {
                return Future.succeededFuture();
              }
              return answer != null ? hit(call, CacheStatus.SEMANTIC_HIT, answer)
                  : miss(call, next, CacheStatus.SEMANTIC_MISS, write(key, settings, question, vector));
            });
      }, failure -> {
        LOG.warn("semantic cache lookup failed, calling the provider instead: {}", failure.getMessage());
        return miss(call, next, CacheStatus.SEMANTIC_MISS, write(key, settings, null, null));
      });
    });
  }

  private Future<Void> hit(Exchange call, CacheStatus status, ChatResponse answer) {
    status(call, status);
    call.cacheSavedUsd = saved(call, answer);
    relay.answer(call, new Answer.Cached(answer, call.dialect.decode(call.body.bytes())));
    return Future.succeededFuture();
  }

  /** What the hit saved: the stored answer's usage at the price of the provider the request names, if any. */
  private static BigDecimal saved(Exchange call, ChatResponse answer) {
    Usage usage = answer.usage();
    if (call.governance == null || usage == null) {
      return null;
    }
    String provider = call.address instanceof ModelAddress.ViaProvider p ? p.provider().id() : null;
    return call.governance.savedByHit(call.principal.workspaceId(), provider, call.address.model(),
        Consumption.tokens(usage.promptTokens(), usage.cachedTokens(), usage.cacheCreationTokens(),
            usage.completionTokens(), usage.reasoningTokens()));
  }

  private Future<Void> miss(Exchange call, Chain next, CacheStatus status, CacheWrite write) {
    status(call, status);
    call.addTransform(write);
    return next.proceed(call);
  }

  /** The cache's store for the answer; with a question, the semantic index remembers it once the answer is stored. */
  private CacheWrite write(CacheKey key, CacheSettings settings, SemanticQuestion question, float[] vector) {
    return new CacheWrite(cache, key, settings.maxAge(), question == null ? () -> { }
        : () -> cache.semantic().remember(vertx, question, vector, key, settings.maxAge()));
  }

  private void status(Exchange call, CacheStatus status) {
    call.cacheStatus = status.name();
    call.response.putHeader(call.prefix + "cache-status", status.name());
    if (status != CacheStatus.DISABLED) {
      cache.count(call.principal.workspaceId(), status);
    }
  }

  /**
   * The {@code cache} of the call's routing config (the first target that carries one), else the gateway key's, or
   * null.
   */
  private static CacheSettings settings(Exchange call) {
    for (TargetNode target : call.plan.targets()) {
      JsonNode json = target.cacheJson();
      if (json != null) {
        return CacheSettings.parse(json, target.path());
      }
    }
    String own = call.principal.cache();
    if (own == null) {
      return null;
    }
    try {
      return CacheSettings.parse(JSON.readTree(own), "cache of API key '" + call.principal.keyName() + "'");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored cache setting is not JSON", e);
    }
  }

  /**
   * What routes the call besides its body: the endpoint, the provider, virtual-key and custom-host headers, the model
   * address, and what each target of the plan changes (provider, virtual key, host, provider options, overridden
   * parameters). Retries, timeouts, weights and the cache setting itself are left out: they do not change the answer.
   */
  private static String scope(Exchange call) {
    StringBuilder scope = new StringBuilder(call.endpoint).append('\n').append(call.headers.provider()).append('\n')
        .append(call.headers.virtualKey()).append('\n').append(call.headers.customHost()).append('\n')
        .append(call.address.text());
    for (TargetNode t : call.plan.targets()) {
      scope.append('\n').append(t.provider()).append(' ').append(t.virtualKey()).append(' ').append(t.customHost())
          .append(' ').append(t.providerOptions()).append(' ').append(t.overrideParams());
    }
    return scope.toString();
  }

  private static String namespace(Exchange call) {
    String value = call.headers.values().get("cache-namespace");
    if (value == null || value.isBlank()) {
      return "";
    }
    String name = call.prefix + "cache-namespace";
    if (value.length() > MAX_NAMESPACE_LENGTH || value.chars().anyMatch(Character::isISOControl)) {
      throw GatewayException.badRequest(name + ": '" + (value.length() > 80 ? value.substring(0, 77) + "..." : value)
          + "' (expected: at most " + MAX_NAMESPACE_LENGTH + " characters, no control characters)", name);
    }
    return value.trim();
  }

  private static boolean forceRefresh(Exchange call) {
    String value = call.headers.values().get("cache-force-refresh");
    if (value == null || value.equalsIgnoreCase("false")) {
      return false;
    }
    if (value.equalsIgnoreCase("true")) {
      return true;
    }
    String name = call.prefix + "cache-force-refresh";
    throw GatewayException.badRequest(name + ": '" + value + "' (expected: true or false)", name);
  }

  @Override
  public String toString() {
    return "Cache";
  }
}
