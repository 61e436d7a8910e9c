package dev.portcullis.policy;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * A limit an allow rule sets: so many requests, tokens or dollars per window, counted per scope.
 *
 * @param amount requests or tokens (whole numbers), or US dollars
 * @param softAmount on a budget, the dollars past which a {@code budget} alert is raised once per period; or null
 */
public record RuleLimit(Measure measure, BigDecimal amount, Period per, LimitScope scope, BigDecimal softAmount) {

  /** What a limit counts. */
  public enum Measure {
    REQUESTS, TOKENS, DOLLARS;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The limit in counter units: requests, tokens, or millionths of a dollar. */
  public long units() {
    return measure == Measure.DOLLARS ? Price.micros(amount) : amount.longValueExact();
  }

  /** The soft limit in millionths of a dollar, or 0 without one. */
  public long softUnits() {
    return softAmount == null ? 0 : Price.micros(softAmount);
  }

  @Override
  public String toString() {
    return amount.toPlainString() + " " + measure.wireName() + " per " + per.wireName() + " per " + scope;
  }
}
