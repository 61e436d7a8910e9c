package dev.portcullis.alert;

import java.util.Locale;

/** Where an alert came from; webhooks subscribe to {@code alert.<kind>}. */
public enum AlertKind {
  /** An {@code alert} policy rule matched a request. */
  POLICY,
  /** A detector saw a signal leave its baseline. */
  ANOMALY,
  /** A budget passed its soft limit. */
  BUDGET;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind a wire name names, or null when none does. */
  public static AlertKind parse(String text) {
    for (AlertKind k : values()) {
      if (k.wireName().equals(text)) {
        return k;
      }
    }
    return null;
  }
}
