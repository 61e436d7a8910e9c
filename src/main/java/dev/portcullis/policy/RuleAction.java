package dev.portcullis.policy;

import java.util.Locale;

/** What a matching rule does; declared in the order rules of equal priority are tried. */
public enum RuleAction {
  /** Refuses the request with 403 {@code policy_denied}. */
  DENY,
  /** Admits the request (until its limit, if it has one, is spent). */
  ALLOW,
  /** Writes an alert record and decides nothing. */
  ALERT;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
