package dev.portcullis.server;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of every request body the gateway holds at once, across all event loops, bounded by
 * {@code PORTCULLIS_MAX_BODY_BYTES_IN_FLIGHT}: a body that would pass the bound is refused (503) while the others
 * carry on. Bytes are counted as they arrive, never from a declared length.
 */
final class BodyBytesInFlight {

  private final long limit;
  private final AtomicLong held = new AtomicLong();

  BodyBytesInFlight(long limit) {
    this.limit = limit;
  }

  long limit() {
    return limit;
  }

  /** Takes {@code bytes} if they fit under the limit. */
  boolean tryTake(long bytes) {
    long now;
    do {
      now = held.get();
      if (bytes > limit - now) {
        return false;
      }
    } while (!held.compareAndSet(now, now + bytes));
    return true;
  }

  void give(long bytes) {
    held.addAndGet(-bytes);
  }

  /** Bytes held now. */
  long held() {
    return held.get();
  }
}
