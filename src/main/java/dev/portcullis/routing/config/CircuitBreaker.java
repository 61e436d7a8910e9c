package dev.portcullis.routing.config;

import java.time.Instant;

/**
 * Steers traffic away from one failing target.
 *
 * <p>Counts the outcomes of the target's last {@code windowSize} calls (a count-based window: it reacts as fast to a
 * busy target as to a quiet one, and needs no timer). When the window holds at least {@code minimumCalls} and the
 * failure share reaches the threshold, the breaker opens. Once the cooldown has passed it lets one probe through
 * (half-open): the probe's success closes it with a fresh window, its failure opens it again for another cooldown. A
 * probe that never reports back frees its slot after one more cooldown. What counts as a failure is
 * {@link AttemptResult.Failure#blamesTarget()}.
 *
 * <p>Time is passed in by the caller from its injected clock, so transitions are tested by moving a clock. Safe for
 * use from several event loops: every method holds the breaker's own lock for a few field updates only.
 */
public final class CircuitBreaker {

  private final String key;
  private final BreakerSettings settings;
  private final boolean[] failed;
  private int next;
  private int calls;
  private int failures;
  private CircuitState state = CircuitState.CLOSED;
  private Instant openedAt;
  private Instant probeStartedAt;

  public CircuitBreaker(String key, BreakerSettings settings) {
    this.key = key;
    this.settings = settings;
    this.failed = new boolean[settings.windowSize()];
  }

  /** Whether a call made now would be let through, without taking the half-open probe slot. */
  public synchronized boolean permits(Instant now) {
    return switch (state) {
      case CLOSED -> true;
      case OPEN -> cooledDown(openedAt, now);
      case HALF_OPEN -> cooledDown(probeStartedAt, now);
    };
  }

  /** Lets a call through if {@link #permits} says so, taking the probe slot when the breaker is not closed. */
  public synchronized boolean tryAcquire(Instant now) {
    if (!permits(now)) {
      return false;
    }
    if (state != CircuitState.CLOSED) {
      state = CircuitState.HALF_OPEN;
      probeStartedAt = now;
    }
    return true;
  }

  /** Records a call's outcome; in half-open any outcome decides, while open (calls forced through) none counts. */
  public synchronized void record(boolean success, Instant now) {
    switch (state) {
      case OPEN -> { }
      case HALF_OPEN -> {
        if (success) {
          close();
        } else {
          open(now);
        }
      }
      case CLOSED -> {
        if (calls == failed.length) {
          failures -= failed[next] ? 1 : 0;
        } else {
          calls++;
        }
        failed[next] = !success;
        failures += success ? 0 : 1;
        next = (next + 1) % failed.length;
        if (calls >= settings.minimumCalls() && failureRate() >= settings.failureRateThreshold()) {
          open(now);
        }
      }
    }
  }

  public synchronized BreakerState state() {
    return new BreakerState(key, state, failureRate(), calls, openedAt);
  }

  private boolean cooledDown(Instant since, Instant now) {
    return !now.isBefore(since.plus(settings.cooldown()));
  }

  private double failureRate() {
    return calls == 0 ? 0 : (double) failures / calls;
  }

  private void open(Instant now) {
    state = CircuitState.OPEN;
    openedAt = now;
    probeStartedAt = null;
  }

  private void close() {
    state = CircuitState.CLOSED;
    openedAt = null;
    probeStartedAt = null;
    next = 0;
    calls = 0;
    failures = 0;
  }

  @Override
  public synchronized String toString() {
    return "CircuitBreaker[" + key + " " + state + ", " + failures + "/" + calls + " failed]";
  }
}
