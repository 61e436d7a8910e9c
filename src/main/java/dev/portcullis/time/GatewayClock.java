package dev.portcullis.time;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The one source of time in the gateway: a wall clock for timestamps ({@link #instant()}, as any {@link Clock}) and a
 * monotonic tick for durations ({@link #nanoTime()}). Injected everywhere time matters, so tests drive both.
 */
public abstract class GatewayClock extends Clock {

  private static final GatewayClock SYSTEM = new GatewayClock() {
    @Override
    public Instant instant() {
      return Instant.now();
    }

    @Override
    public long millis() {
      return System.currentTimeMillis();
    }

    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public String toString() {
      return "GatewayClock[system]";
    }
  };

  /** The machine's clocks: {@link Instant#now()} and {@link System#nanoTime()}. */
  public static GatewayClock system() {
    return SYSTEM;
  }

  /** A monotonic reading in nanoseconds, meaningful only as a difference between two readings. */
  public abstract long nanoTime();

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  /** Always UTC: the gateway keeps every timestamp in UTC. */
  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
