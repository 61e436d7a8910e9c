package dev.portcullis.cache;

import dev.portcullis.cluster.Change;
import dev.portcullis.cluster.ChangeBus;
import dev.portcullis.model.ChatResponse;
import dev.portcullis.wire.OpenAiChatResponseDecoder;
import dev.portcullis.wire.OpenAiChatResponseEncoder;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's response cache over one {@link CacheStore}: answers are kept in their canonical form (OpenAI's chat
 * completion JSON), whatever dialect asked, and replayed in the dialect of the one asking. Counts what it does per
 * workspace (in the store, so shared when the store is) and in totals for the metrics of this node. Purges reach
 * every node: a shared store is purged once, an in-process one and every node's semantic index through the change
 * bus.
 */
public final class ResponseCache {

  private static final Logger LOG = LoggerFactory.getLogger(ResponseCache.class);

  private final CacheStore store;
  private final SemanticCache semantic;
  private final ChangeBus changes;
  private final LongAdder hits = new LongAdder();
  private final LongAdder semanticHits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder stored = new LongAdder();

  public ResponseCache(CacheStore store, SemanticCache semantic, ChangeBus changes) {
    this.store = store;
    this.semantic = semantic;
    this.changes = changes;
    changes.subscribe(change -> {
      if (change.kind() == Change.Kind.CACHE) {
        if (store instanceof MemoryCacheStore memory) {
          memory.purgeNow(change.workspaceId(), change.id());
        }
        semantic.purge(change.workspaceId(), change.id());
      }
    });
  }

  /** Semantic matching, whose index every node keeps in process. */
  public SemanticCache semantic() {
    return semantic;
  }

  /** The stored answer for {@code key}, or null. A store that fails is a miss: the provider answers instead. */
  public Future<ChatResponse> find(CacheKey key) {
    return store.get(key).map(bytes -> bytes == null ? null : OpenAiChatResponseDecoder.decode(bytes))
        .otherwise(failure -> {
          LOG.warn("cache lookup failed, calling the provider instead: {}", failure.getMessage());
          return null;
        });
  }

  /** Counts what the cache did for a call of {@code workspaceId}. */
  public void count(String workspaceId, CacheStatus status) {
    switch (status) {
      case HIT -> hits.increment();
      case SEMANTIC_HIT -> semanticHits.increment();
      case MISS, SEMANTIC_MISS -> misses.increment();
      case DISABLED, REFRESH -> { }
    }
    store.count(workspaceId, status);
  }

  /** Stores a complete answer for {@code maxAge}; a failure is logged, the client already has its answer. */
  public void store(CacheKey key, ChatResponse answer, Duration maxAge) {
    store.put(key, Buffer.buffer(OpenAiChatResponseEncoder.encode(answer)), maxAge)
        .onSuccess(v -> stored.increment())
        .onFailure(e -> LOG.warn("could not store an answer in the cache: {}", e.getMessage()));
  }

  /**
   * Removes the stored answers of some workspaces, on every node.
   *
   * @param namespace one namespace, or null for all
   * @return how many answers were removed (on this node, for an in-process store)
   */
  public Future<Long> purge(Collection<String> workspaceIds, String namespace) {
    List<Future<Long>> each = new ArrayList<>(workspaceIds.size());
    for (String id : workspaceIds) {
      each.add(store.purge(id, namespace));
    }
    return Future.all(each).map(done -> {
      workspaceIds.forEach(id -> changes.publish(Change.cache(id, namespace)));
      return each.stream().mapToLong(Future::result).sum();
    });
  }

  /** What the store holds and counted, per workspace. */
  public Future<List<CacheStats>> stats(Collection<String> workspaceIds) {
    List<Future<CacheStats>> each = workspaceIds.stream().map(store::stats).toList();
    return Future.all(each).map(done -> each.stream().map(Future::result).toList());
  }

  public long hits() {
    return hits.sum();
  }

  public long semanticHits() {
    return semanticHits.sum();
  }

  public long misses() {
    return misses.sum();
  }

  /** Answers stored by this node. */
  public long stored() {
    return stored.sum();
  }

  @Override
  public String toString() {
    return "ResponseCache[" + store + "]";
  }
}
