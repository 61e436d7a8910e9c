package dev.portcullis.alert;

import java.util.Locale;

/** How urgent an alert is. */
public enum AlertSeverity {
  INFO, WARNING, CRITICAL;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
