package dev.portcullis.routing.config;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The circuit breakers of one node, one per {@link TargetNode#breakerKey() target key}, so every config that names
 * the same upstream with the same credential shares its breaker. At most {@value #MAX_BREAKERS} are kept (inline
 * configs can name any number of keys); the least recently used one goes first.
 */
public final class BreakerRegistry {

  static final int MAX_BREAKERS = 10_000;

  private final BreakerSettings settings;
  private final Cache<String, CircuitBreaker> breakers;

  public BreakerRegistry(BreakerSettings settings) {
    this.settings = settings;
    this.breakers = Caffeine.newBuilder().maximumSize(MAX_BREAKERS).executor(Runnable::run).build();
  }

  /** The target's breaker, or empty when the target names no upstream of its own (the request's headers do). */
  public Optional<CircuitBreaker> breakerFor(TargetNode target) {
    String key = target.breakerKey();
    return key == null ? Optional.empty() : Optional.of(breakers.get(key, k -> new CircuitBreaker(k, settings)));
  }

  /** Every breaker's state, by key, for a health endpoint. */
  public List<BreakerState> snapshot() {
    return breakers.asMap().values().stream()
        .map(CircuitBreaker::state)
        .sorted(Comparator.comparing(BreakerState::key))
        .toList();
  }

  @Override
  public String toString() {
    return "BreakerRegistry[" + breakers.estimatedSize() + " breakers, " + settings + "]";
  }
}
