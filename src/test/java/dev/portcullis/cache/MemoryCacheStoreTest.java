package dev.portcullis.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.testing.MutableClock;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MemoryCacheStoreTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));

  private static CacheKey key(String workspace, String namespace, int n) {
    return new CacheKey(workspace, namespace, String.format("%064d", n));
  }

  private static Buffer answer(int bytes) {
    return Buffer.buffer(new byte[bytes]);
  }

  @Test
  void anEntryIsFoundUntilItsOwnMaxAgeOnTheInjectedClock() {
    MemoryCacheStore store = new MemoryCacheStore(1 << 20, clock);
    store.put(key("ws", "", 1), answer(10), Duration.ofSeconds(60));
    store.put(key("ws", "", 2), answer(10), Duration.ofMinutes(10));

    clock.advance(Duration.ofSeconds(59));
    assertThat(store.get(key("ws", "", 1)).result()).isNotNull();
    clock.advance(Duration.ofSeconds(2));

    assertThat(store.get(key("ws", "", 1)).result()).isNull();
    assertThat(store.get(key("ws", "", 2)).result()).isNotNull();
  }

  @Test
  void theStoreNeverHoldsMoreThanItsBound() {
    long bound = 64 * 1024;
    MemoryCacheStore store = new MemoryCacheStore(bound, clock);
    for (int i = 0; i < 1000; i++) {
      store.put(key("ws", "", i), answer(1000), Duration.ofHours(1));
    }

    CacheStats stats = store.stats("ws").result();

    assertThat(stats.bytes()).isLessThanOrEqualTo(bound);
    assertThat(stats.entries()).isBetween(30L, 64L);
  }

  @Test
  void aPurgeRemovesOneWorkspacesNamespaceOrAllOfIt() {
    MemoryCacheStore store = new MemoryCacheStore(1 << 20, clock);
    store.put(key("a", "", 1), answer(10), Duration.ofHours(1));
    store.put(key("a", "n", 2), answer(10), Duration.ofHours(1));
    store.put(key("b", "n", 3), answer(10), Duration.ofHours(1));

    assertThat(store.purge("a", "n").result()).isEqualTo(1);
    assertThat(store.get(key("a", "", 1)).result()).isNotNull();
    assertThat(store.get(key("b", "n", 3)).result()).isNotNull();
    assertThat(store.purge("a", null).result()).isEqualTo(1);
    assertThat(store.stats("a").result().entries()).isZero();
    assertThat(store.stats("b").result().entries()).isEqualTo(1);
  }

  @Test
  void countsArePerWorkspace() {
    MemoryCacheStore store = new MemoryCacheStore(1 << 20, clock);
    store.count("a", CacheStatus.HIT);
    store.count("a", CacheStatus.MISS);
    store.count("a", CacheStatus.SEMANTIC_MISS);
    store.count("a", CacheStatus.REFRESH);
    store.count("b", CacheStatus.SEMANTIC_HIT);

    assertThat(store.stats("a").result()).isEqualTo(new CacheStats("a", 0, 0, 1, 0, 2));
    assertThat(store.stats("b").result()).isEqualTo(new CacheStats("b", 0, 0, 0, 1, 0));
  }
}
