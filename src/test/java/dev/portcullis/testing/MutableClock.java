package dev.portcullis.testing;

import dev.portcullis.time.GatewayClock;
import java.time.Duration;
import java.time.Instant;

/**
 * A clock that stands still until a test moves it: {@link #advance} moves the wall clock and the monotonic tick by
 * the same amount, as real time would.
 */
public final class MutableClock extends GatewayClock {

  private volatile Instant now;
  private volatile long nanos;

  public MutableClock(Instant start) {
    this.now = start;
  }

  public synchronized void advance(Duration duration) {
    now = now.plus(duration);
    nanos += duration.toNanos();
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public long nanoTime() {
    return nanos;
  }
}
