package dev.portcullis.routing.config;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Steers traffic away from one failing target: Resilience4j's count-based breaker on the gateway's clock.
 *
 * <p>Counts the outcomes of the target's last {@code windowSize} calls. When the window holds at least
 * {@code minimumCalls} and the failure share reaches the threshold, the breaker opens. Once the cooldown has passed it
 * lets one probe through (half-open): the probe's success closes it with a fresh window, its failure opens it again
 * for another cooldown. A probe that never reports back frees its slot after one more cooldown. Outcomes of calls
 * forced through an open breaker do not count.
 *
 * <p>Resilience4j does the counting and the state machine; this class adds what routing needs on top: a look at
 * whether a call would be let through without taking the probe slot ({@link #permits}), cooldowns measured on the
 * injected clock to the instant (at exactly the cooldown a call is let through), and freeing a lost probe. Safe for
 * use from several event loops.
 */
public final class CircuitBreaker {

  private static final Exception FAILED = new Exception("target failed") {
    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  };

  private final String key;
  private final BreakerSettings settings;
  private final Clock clock;
  private final io.github.resilience4j.circuitbreaker.CircuitBreaker delegate;
  private Instant openedAt;
  private Instant probeTakenAt;

  public CircuitBreaker(String key, BreakerSettings settings, Clock clock) {
    this.key = key;
    this.settings = settings;
    this.clock = clock;
    this.delegate = io.github.resilience4j.circuitbreaker.CircuitBreaker.of(key, CircuitBreakerConfig.custom()
        .slidingWindowType(SlidingWindowType.COUNT_BASED)
        .slidingWindowSize(settings.windowSize())
        .minimumNumberOfCalls(settings.minimumCalls())
        .failureRateThreshold((float) (settings.failureRateThreshold() * 100))
        .waitDurationInOpenState(settings.cooldown())
        .permittedNumberOfCallsInHalfOpenState(1)
        .automaticTransitionFromOpenToHalfOpenEnabled(false)
        .writableStackTraceEnabled(false)
        .clock(clock)
        .build());
    delegate.getEventPublisher().onStateTransition(event -> {
      switch (event.getStateTransition().getToState()) {
        case OPEN -> openedAt = clock.instant();
        case CLOSED -> openedAt = null;
        default -> { }
      }
      probeTakenAt = null;
    });
  }

  /** Whether a call made now would be let through, without taking the half-open probe slot. */
  public synchronized boolean permits() {
    Instant now = clock.instant();
    return switch (delegate.getState()) {
      case OPEN -> cooledDown(openedAt, now);
      case HALF_OPEN -> probeTakenAt == null || cooledDown(probeTakenAt, now);
      default -> true;
    };
  }

  /** Lets a call through if {@link #permits} says so, taking the probe slot when the breaker is not closed. */
  public synchronized boolean tryAcquire() {
    if (!permits()) {
      return false;
    }
    switch (delegate.getState()) {
      case OPEN -> delegate.transitionToHalfOpenState();
      case HALF_OPEN -> {
        if (probeTakenAt != null) {
          delegate.releasePermission();
        }
      }
      default -> { }
    }
    boolean permitted = delegate.tryAcquirePermission();
    if (permitted && delegate.getState() == io.github.resilience4j.circuitbreaker.CircuitBreaker.State.HALF_OPEN) {
      probeTakenAt = clock.instant();
    }
    return permitted;
  }

  /** Records a call's outcome; in half-open any outcome decides, while open (calls forced through) none counts. */
  public synchronized void record(boolean success) {
    if (delegate.getState() == io.github.resilience4j.circuitbreaker.CircuitBreaker.State.OPEN) {
      return;
    }
    try {
      if (success) {
        delegate.onSuccess(0, TimeUnit.NANOSECONDS);
      } else {
        delegate.onError(0, TimeUnit.NANOSECONDS, FAILED);
      }
    } catch (CallNotPermittedException e) {
      // a half-open breaker that was not asked first: the outcome tells nothing
    }
  }

  /** A call that was let through ended without saying anything about the target (the caller left, say). */
  public synchronized void release() {
    if (delegate.getState() == io.github.resilience4j.circuitbreaker.CircuitBreaker.State.HALF_OPEN
        && probeTakenAt != null) {
      delegate.releasePermission();
      probeTakenAt = null;
    }
  }

  public synchronized BreakerState state() {
    io.github.resilience4j.circuitbreaker.CircuitBreaker.Metrics metrics = delegate.getMetrics();
    int calls = metrics.getNumberOfBufferedCalls();
    double rate = calls == 0 ? 0 : (double) metrics.getNumberOfFailedCalls() / calls;
    CircuitState state = switch (delegate.getState()) {
      case OPEN -> CircuitState.OPEN;
      case HALF_OPEN -> CircuitState.HALF_OPEN;
      default -> CircuitState.CLOSED;
    };
    return new BreakerState(key, state, rate, calls, openedAt);
  }

  private boolean cooledDown(Instant since, Instant now) {
    return !now.isBefore(since.plus(settings.cooldown()));
  }

  @Override
  public synchronized String toString() {
    return "CircuitBreaker[" + key + " " + delegate.getState() + "]";
  }
}
