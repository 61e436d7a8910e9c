package dev.portcullis.policy;

import java.util.Locale;

/**
 * What limits do while Redis cannot be reached ({@code PORTCULLIS_LIMITS_ON_REDIS_FAILURE}). Unset, rate limits
 * fail open (requests pass uncounted) and budgets fail closed (requests are refused), since an uncounted request is
 * a nuisance and an uncounted dollar is spent.
 */
public enum RedisFailureMode {
  /** Rate limits open, budgets closed. */
  DEFAULT,
  /** Every limit lets requests through uncounted. */
  OPEN,
  /** Every limit refuses requests (503) until Redis answers again. */
  CLOSED;

  /** Whether a limit of {@code measure} lets requests through while Redis is away. */
  boolean opens(RuleLimit.Measure measure) {
    return switch (this) {
      case OPEN -> true;
      case CLOSED -> false;
      case DEFAULT -> measure != RuleLimit.Measure.DOLLARS;
    };
  }

  /** From the setting's text: {@code open} or {@code closed}; null for the default. */
  public static RedisFailureMode of(String text) {
    return text == null ? DEFAULT : valueOf(text.toUpperCase(Locale.ROOT));
  }
}
