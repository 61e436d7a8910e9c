package dev.portcullis.policy;

import java.math.BigDecimal;

/**
 * What a call cost.
 *
 * @param usd the cost in US dollars, null when unpriced
 */
public record Cost(BigDecimal usd, CostStatus status) {

  public static final Cost UNPRICED = new Cost(null, CostStatus.UNPRICED);
}
