package dev.portcullis.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An {@code alert} policy rule raises one alert per matching request, but at most one per rule per
 * {@link #PERIOD} on each gateway node: a rule matching a flood of requests gives one alert a minute, not a flood.
 */
public final class PolicyAlertCooldown {

  public static final Duration PERIOD = Duration.ofSeconds(60);

  private final Map<String, Instant> lastAlert = new ConcurrentHashMap<>();

  /** Whether the rule may alert now; if so, its cooldown starts. */
  public boolean admit(String ruleId, Instant now) {
    boolean[] admitted = new boolean[1];
    lastAlert.compute(ruleId, (id, last) -> {
      admitted[0] = last == null || !now.isBefore(last.plus(PERIOD));
      return admitted[0] ? now : last;
    });
    return admitted[0];
  }
}
