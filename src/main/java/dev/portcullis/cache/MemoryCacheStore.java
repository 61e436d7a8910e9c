package dev.portcullis.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.portcullis.time.GatewayClock;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Answers kept in this process, on Caffeine: bounded by their total size in bytes (the least likely to be used again
 * go first), each expiring after its own max age on the gateway's clock.
 */
public final class MemoryCacheStore implements CacheStore {

  /** What an entry weighs besides its answer: the key's strings and the map's own objects, roughly. */
  private static final int ENTRY_OVERHEAD = 160;

  private final Cache<CacheKey, Entry> entries;
  private final Map<String, Counters> counters = new ConcurrentHashMap<>();

  /**
   * @param maxBytes the most bytes of answers kept at once
   */
  public MemoryCacheStore(long maxBytes, GatewayClock clock) {
    this.entries = Caffeine.newBuilder()
        .maximumWeight(maxBytes)
        .weigher((CacheKey key, Entry entry) -> weight(key, entry))
        .expireAfter(new Expiry<CacheKey, Entry>() {
          @Override
          public long expireAfterCreate(CacheKey key, Entry entry, long now) {
            return entry.maxAgeNanos();
          }

          @Override
          public long expireAfterUpdate(CacheKey key, Entry entry, long now, long current) {
            return entry.maxAgeNanos();
          }

          @Override
          public long expireAfterRead(CacheKey key, Entry entry, long now, long current) {
            return current;
          }
        })
        .ticker(clock::nanoTime)
        .executor(Runnable::run)
        .build();
  }

  /** An answer as stored, with its own max age. */
  private static final class Entry {
    private final byte[] answer;
    private final long maxAgeNanos;

    Entry(byte[] answer, long maxAgeNanos) {
      this.answer = answer;
      this.maxAgeNanos = maxAgeNanos;
    }

    byte[] answer() {
      return answer;
    }

    long maxAgeNanos() {
      return maxAgeNanos;
    }
  }

  private record Counters(LongAdder hits, LongAdder semanticHits, LongAdder misses) {
    Counters() {
      this(new LongAdder(), new LongAdder(), new LongAdder());
    }
  }

  private static int weight(CacheKey key, Entry entry) {
    return entry.answer().length + key.namespace().length() + key.workspaceId().length() + key.digest().length()
        + ENTRY_OVERHEAD;
  }

  @Override
  public Future<Buffer> get(CacheKey key) {
    Entry entry = entries.getIfPresent(key);
    return Future.succeededFuture(entry == null ? null : Buffer.buffer(entry.answer()));
  }

  @Override
  public Future<Void> put(CacheKey key, Buffer answer, Duration maxAge) {
    entries.put(key, new Entry(answer.getBytes(), maxAge.toNanos()));
    return Future.succeededFuture();
  }

  @Override
  public Future<Long> purge(String workspaceId, String namespace) {
    return Future.succeededFuture(purgeNow(workspaceId, namespace));
  }

  /** Removes the workspace's answers (of one namespace, or all when null) at once; how many were removed. */
  public long purgeNow(String workspaceId, String namespace) {
    long removed = 0;
    for (CacheKey key : entries.asMap().keySet()) {
      if (key.workspaceId().equals(workspaceId) && (namespace == null || namespace.equals(key.namespace()))
          && entries.asMap().remove(key) != null) {
        removed++;
      }
    }
    return removed;
  }

  @Override
  public void count(String workspaceId, CacheStatus status) {
    switch (status) {
      case HIT -> counters(workspaceId).hits().increment();
      case SEMANTIC_HIT -> counters(workspaceId).semanticHits().increment();
      case MISS, SEMANTIC_MISS -> counters(workspaceId).misses().increment();
      case DISABLED, REFRESH -> { }
    }
  }

  private Counters counters(String workspaceId) {
    return counters.computeIfAbsent(workspaceId, id -> new Counters());
  }

  @Override
  public Future<CacheStats> stats(String workspaceId) {
    entries.cleanUp();
    long count = 0;
    long bytes = 0;
    for (Map.Entry<CacheKey, Entry> e : entries.asMap().entrySet()) {
      if (e.getKey().workspaceId().equals(workspaceId)) {
        count++;
        bytes += e.getValue().answer().length;
      }
    }
    Counters c = counters.getOrDefault(workspaceId, new Counters());
    return Future.succeededFuture(new CacheStats(workspaceId, count, bytes, c.hits().sum(), c.semanticHits().sum(),
        c.misses().sum()));
  }

  @Override
  public String toString() {
    return "MemoryCacheStore[" + entries.estimatedSize() + " entries]";
  }
}
