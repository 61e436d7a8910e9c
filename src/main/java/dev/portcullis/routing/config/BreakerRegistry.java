package dev.portcullis.routing.config;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.portcullis.observe.AttemptOutcome;
import dev.portcullis.observe.AttemptView;
import dev.portcullis.observe.CallView;
import dev.portcullis.observe.RequestListener;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The circuit breakers of one node, one per workspace and {@link TargetNode#breakerKey() target key}: every config
 * of a workspace that names the same upstream with the same credential shares its breaker, and no tenant's calls
 * can open another tenant's. A breaker is made by the first outcome recorded for it, so a target that was never
 * called (a virtual key that does not exist, say) has none. At most {@value #MAX_BREAKERS} are kept; the least
 * recently used one goes first.
 *
 * <p>Routing asks before a call ({@link #permits}, {@link #tryAcquire}); the outcome arrives as a request event: a
 * failure that blames the target counts against it, any other answer counts for it, and an attempt that got no
 * answer through no fault of the target (a caller-chosen timeout, a client that left, a target that could not even
 * be resolved) frees its permission only.
 */
public final class BreakerRegistry implements RequestListener {

  static final int MAX_BREAKERS = 10_000;

  private record Entry(CircuitBreaker breaker, String provider) {}

  private final BreakerSettings settings;
  private final Clock clock;
  private final Cache<String, Entry> breakers;

  public BreakerRegistry(BreakerSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.breakers = Caffeine.newBuilder().maximumSize(MAX_BREAKERS).executor(Runnable::run).build();
  }

  /** The key of a target's breaker within a workspace, or null when the target names no upstream of its own. */
  public static String key(String workspaceId, TargetNode target) {
    return target.breakerKey() == null ? null : workspaceId + " " + target.breakerKey();
  }

  /** Whether a call to the target would be let through now, without taking a half-open probe slot. */
  boolean permits(String workspaceId, TargetNode target) {
    Entry entry = entry(workspaceId, target);
    return entry == null || entry.breaker().permits();
  }

  /** Lets a call through if {@link #permits} says so, taking the probe slot of a breaker that is not closed. */
  boolean tryAcquire(String workspaceId, TargetNode target) {
    Entry entry = entry(workspaceId, target);
    return entry == null || entry.breaker().tryAcquire();
  }

  private Entry entry(String workspaceId, TargetNode target) {
    String key = key(workspaceId, target);
    return key == null ? null : breakers.getIfPresent(key);
  }

  @Override
  public void attemptEnded(CallView call, AttemptView attempt, AttemptOutcome outcome) {
    if (attempt.targetKey() == null) {
      return;
    }
    if (attempt.provider() == null) {
      Entry held = breakers.getIfPresent(attempt.targetKey());
      if (held != null) {
        held.breaker().release();
      }
      return;
    }
    CircuitBreaker breaker = breakers.get(attempt.targetKey(), key -> new Entry(new CircuitBreaker(key, settings,
        clock), attempt.provider())).breaker();
    if (outcome.blamesTarget()) {
      breaker.record(false);
    } else if (outcome.status() > 0) {
      breaker.record(true);
    } else {
      breaker.release();
    }
  }

  /** Every breaker's state, by key, for a health endpoint. */
  public List<BreakerState> snapshot() {
    return breakers.asMap().values().stream()
        .map(e -> e.breaker().state())
        .sorted(Comparator.comparing(BreakerState::key))
        .toList();
  }

  /**
   * The worst state of each provider's breakers (never a host, a key or a workspace), as metrics show them: 0 closed,
   * 1 half-open, 2 open.
   */
  public Map<String, Double> states() {
    return breakers.asMap().values().stream().collect(Collectors.toMap(Entry::provider,
        e -> switch (e.breaker().state().state()) {
          case CLOSED -> 0.0;
          case HALF_OPEN -> 1.0;
          case OPEN -> 2.0;
        }, Math::max));
  }

  @Override
  public String toString() {
    return "BreakerRegistry[" + breakers.estimatedSize() + " breakers, " + settings + "]";
  }
}
