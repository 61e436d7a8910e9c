package dev.portcullis.observe.trace;

import dev.portcullis.time.GatewayClock;
import io.opentelemetry.sdk.common.Clock;
import java.time.Instant;

/** The gateway's clock as spans read time: wall-clock starts, monotonic durations. */
record TraceClock(GatewayClock clock) implements Clock {

  @Override
  public long now() {
    Instant now = clock.instant();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  @Override
  public long nanoTime() {
    return clock.nanoTime();
  }
}
