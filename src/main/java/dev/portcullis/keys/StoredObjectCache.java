package dev.portcullis.keys;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Stored objects served to the request path from memory. A miss is loaded once on a worker thread; a hit older than
 * the refresh interval is still served while a worker reloads it (which repairs a change notification that never
 * came); a known miss is remembered briefly so a flood of unknown names does not reach the database. An
 * invalidation also voids loads that were in flight when it happened, so a load that read the old row cannot put it
 * back.
 */
final class StoredObjectCache<K, V> {

  private static final Future<?> ABSENT = Future.succeededFuture(null);

  private record Slot<V>(V value, long loadedAtMillis) {}

  private final Vertx vertx;
  private final Clock clock;
  private final Function<K, Optional<V>> loader;
  private final long refreshAfterMillis;
  private final Map<K, Slot<V>> present = new ConcurrentHashMap<>();
  private final Cache<K, Boolean> absent;
  private final Set<K> refreshing = ConcurrentHashMap.newKeySet();
  private final AtomicLong generation = new AtomicLong();

  /**
   * @param loader blocking; reads one object from the store
   */
  StoredObjectCache(Vertx vertx, Clock clock, Function<K, Optional<V>> loader, Duration refreshAfter,
      Duration rememberAbsent) {
    this.vertx = vertx;
    this.clock = clock;
    this.loader = loader;
    this.refreshAfterMillis = refreshAfter.toMillis();
    this.absent = Caffeine.newBuilder().maximumSize(10_000)
        .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
        .expireAfterWrite(rememberAbsent).build();
  }

  /** The object, or null when the store has none. */
  @SuppressWarnings("unchecked")
  Future<V> get(K key) {
    Slot<V> slot = present.get(key);
    if (slot != null) {
      if (clock.millis() - slot.loadedAtMillis >= refreshAfterMillis && refreshing.add(key)) {
        load(key).onComplete(ar -> refreshing.remove(key));
      }
      return Future.succeededFuture(slot.value);
    }
    if (absent.getIfPresent(key) != null) {
      return (Future<V>) ABSENT;
    }
    return load(key);
  }

  /** Drops every cached object (and every remembered miss) that {@code stale} matches. */
  void invalidate(Predicate<V> stale) {
    generation.incrementAndGet();
    present.values().removeIf(slot -> stale.test(slot.value));
    absent.invalidateAll();
  }

  private Future<V> load(K key) {
    long startedIn = generation.get();
    return vertx.executeBlocking(() -> loader.apply(key), false).map(found -> {
      if (generation.get() == startedIn) {
        if (found.isPresent()) {
          present.put(key, new Slot<>(found.get(), clock.millis()));
        } else {
          present.remove(key);
          absent.put(key, Boolean.TRUE);
        }
      }
      return found.orElse(null);
    });
  }
}
