package dev.portcullis.policy;

import io.vertx.core.Future;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Counters in this process, exact under any concurrency (one compare-and-set per admission). A counter whose window
 * has ended is dropped the next time counters are swept, which happens as new windows open.
 */
public final class LocalCounters implements Counters {

  private static final int SWEEP_EVERY = 1024;

  private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();
  private final LongSupplier nowMs;
  private final AtomicLong created = new AtomicLong();

  private static final class Counter {
    final AtomicLong value = new AtomicLong();
    final long expiresAtMs;

    Counter(long expiresAtMs) {
      this.expiresAtMs = expiresAtMs;
    }
  }

  /** @param nowMs the gateway clock's wall time in epoch milliseconds */
  public LocalCounters(LongSupplier nowMs) {
    this.nowMs = nowMs;
  }

  @Override
  public Future<Admission> tryAdd(String key, long amount, long limit, long expiresAtMs) {
    return Future.succeededFuture(admit(key, amount, limit, expiresAtMs));
  }

  /** {@link #tryAdd} without a future, for callers on the hot path and benchmarks. */
  public Admission admit(String key, long amount, long limit, long expiresAtMs) {
    AtomicLong value = counter(key, expiresAtMs).value;
    while (true) {
      long v = value.get();
      if (amount > 0 ? v + amount > limit : v >= limit) {
        return new Admission(false, v);
      }
      if (value.compareAndSet(v, v + amount)) {
        return new Admission(true, v + amount);
      }
    }
  }

  @Override
  public Future<Long> add(String key, long delta, long expiresAtMs) {
    return Future.succeededFuture(counter(key, expiresAtMs).value.addAndGet(delta));
  }

  @Override
  public Future<Long> read(String key) {
    Counter c = counters.get(key);
    return Future.succeededFuture(c == null || c.expiresAtMs <= nowMs.getAsLong() ? 0L : c.value.get());
  }

  private Counter counter(String key, long expiresAtMs) {
    Counter c = counters.get(key);
    if (c != null) {
      return c;
    }
    if (created.incrementAndGet() % SWEEP_EVERY == 0) {
      long now = nowMs.getAsLong();
      counters.values().removeIf(old -> old.expiresAtMs <= now);
    }
    return counters.computeIfAbsent(key, k -> new Counter(expiresAtMs));
  }
}
