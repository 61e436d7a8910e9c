package dev.portcullis.keys;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Stored objects served to the request path from memory, on Caffeine's asynchronous loading cache. A miss is loaded
 * once on a worker thread however many calls wait for it; a hit older than the refresh interval is still served while
 * a worker reloads it (which repairs a change notification that never came); a known miss is remembered briefly so a
 * flood of unknown names does not reach the database. An invalidation also voids loads in flight when it happened
 * (Caffeine discards a load or refresh whose entry was removed meanwhile), so a load that read the old row cannot
 * put it back. A caller on an event loop resumes on that event loop.
 */
final class StoredObjectCache<K, V> {

  /**
   * How long a found object stays without being read: refreshes keep read ones current, so this only clears out the
   * unread (a finite figure: Caffeine adds it to the current tick).
   */
  private static final long PRESENT_NANOS = TimeUnit.DAYS.toNanos(1);

  private final Vertx vertx;
  private final AsyncLoadingCache<K, Optional<V>> cache;

  /**
   * @param loader blocking; reads one object from the store
   */
  StoredObjectCache(Vertx vertx, Clock clock, Function<K, Optional<V>> loader, Duration refreshAfter,
      Duration rememberAbsent) {
    this.vertx = vertx;
    Executor workers = task -> vertx.executeBlocking(() -> {
      task.run();
      return null;
    }, false);
    long absentNanos = rememberAbsent.toNanos();
    long origin = clock.millis();
    this.cache = Caffeine.newBuilder()
        .maximumSize(100_000)
        .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis() - origin))
        .executor(workers)
        .refreshAfterWrite(refreshAfter)
        .expireAfter(new Expiry<K, Optional<V>>() {
          @Override
          public long expireAfterCreate(K key, Optional<V> value, long now) {
            return value.isPresent() ? PRESENT_NANOS : absentNanos;
          }

          @Override
          public long expireAfterUpdate(K key, Optional<V> value, long now, long remaining) {
            return expireAfterCreate(key, value, now);
          }

          @Override
          public long expireAfterRead(K key, Optional<V> value, long now, long remaining) {
            return value.isPresent() ? PRESENT_NANOS : remaining;
          }
        })
        .buildAsync(loader::apply);
  }

  /** The object, or null when the store has none. */
  Future<V> get(K key) {
    CompletableFuture<Optional<V>> pending = cache.get(key);
    if (pending.isDone() && !pending.isCompletedExceptionally()) {
      return Future.succeededFuture(pending.join().orElse(null));
    }
    return Future.fromCompletionStage(pending, vertx.getOrCreateContext()).map(found -> found.orElse(null));
  }

  /**
   * Drops every cached object that {@code stale} matches, every remembered miss (it may exist now), and every load
   * in flight (it may have read the old row).
   */
  void invalidate(Predicate<V> stale) {
    cache.asMap().entrySet().removeIf(e -> {
      CompletableFuture<Optional<V>> entry = e.getValue();
      if (!entry.isDone() || entry.isCompletedExceptionally()) {
        return true;
      }
      Optional<V> value = entry.join();
      return value.isEmpty() || stale.test(value.get());
    });
  }
}
