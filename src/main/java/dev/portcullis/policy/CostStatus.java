package dev.portcullis.policy;

import java.util.Locale;

/** How sure a call's cost is. */
public enum CostStatus {
  /** From the usage the provider reported, at a known price. */
  PRICED,
  /** From tokens counted by the gateway, because the provider reported no usage. */
  ESTIMATED,
  /** No price is known for the provider and model: the cost is null, never 0. */
  UNPRICED;

  /** As on the log row: {@code priced}, {@code estimated}, {@code unpriced}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
