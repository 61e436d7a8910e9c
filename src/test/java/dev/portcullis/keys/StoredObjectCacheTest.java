package dev.portcullis.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.portcullis.testing.MutableClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StoredObjectCacheTest {

  private final Vertx vertx = Vertx.vertx();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T00:00:00Z"));
  private final Map<String, String> store = new ConcurrentHashMap<>(Map.of("a", "apple"));
  private final AtomicInteger reads = new AtomicInteger();
  private volatile CountDownLatch gate = new CountDownLatch(0);

  /** Reads the row first, then waits at the gate: a load held there has read what the store held before. */
  private final StoredObjectCache<String, String> cache = new StoredObjectCache<>(vertx, clock, key -> {
    String row = store.get(key);
    reads.incrementAndGet();
    try {
      gate.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return Optional.ofNullable(row);
  }, Duration.ofSeconds(30), Duration.ofSeconds(2));

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  @Test
  void concurrentMissesForOneIdMakeOneStoreRead() {
    gate = new CountDownLatch(1);
    List<Future<String>> waiting = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      waiting.add(cache.get("a"));
    }
    gate.countDown();
    for (Future<String> f : waiting) {
      assertThat(f.await()).isEqualTo("apple");
    }
    assertThat(reads).hasValue(1);
  }

  @Test
  void anUnknownIdIsReadOnceThenRememberedAsMissingForAWhile() {
    assertThat(cache.get("ghost").await()).isNull();
    assertThat(cache.get("ghost").await()).isNull();
    assertThat(reads).hasValue(1);

    clock.advance(Duration.ofSeconds(3));
    assertThat(cache.get("ghost").await()).isNull();
    assertThat(reads).hasValue(2);
  }

  @Test
  void aCreatedObjectIsFoundAtOnceAfterTheInvalidationThatAnnouncesIt() {
    assertThat(cache.get("new").await()).isNull();
    store.put("new", "nectarine");
    cache.invalidate(value -> false);

    assertThat(cache.get("new").await()).isEqualTo("nectarine");
  }

  @Test
  void anInvalidationVoidsALoadThatWasInFlight() {
    gate = new CountDownLatch(1);
    Future<String> inFlight = cache.get("a");
    await().until(() -> reads.get() == 1);
    store.put("a", "apricot");
    cache.invalidate(value -> true);
    gate.countDown();
    assertThat(inFlight.await()).isEqualTo("apple");

    assertThat(cache.get("a").await()).isEqualTo("apricot");
    assertThat(reads).hasValue(2);
  }

  @Test
  void aStaleHitIsServedWhileAWorkerReloadsIt() {
    assertThat(cache.get("a").await()).isEqualTo("apple");
    store.put("a", "avocado");
    clock.advance(Duration.ofSeconds(31));
    gate = new CountDownLatch(1);

    assertThat(cache.get("a").await()).isEqualTo("apple");
    gate.countDown();
    await().untilAsserted(() -> assertThat(cache.get("a").await()).isEqualTo("avocado"));
    assertThat(reads).hasValue(2);
  }
}
