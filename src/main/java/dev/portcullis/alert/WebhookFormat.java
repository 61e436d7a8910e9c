package dev.portcullis.alert;

import java.util.Locale;

/** The body a webhook receives: the alert as JSON, or a Slack incoming-webhook message. */
public enum WebhookFormat {
  JSON, SLACK;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The format a wire name names, or null when none does. */
  public static WebhookFormat parse(String text) {
    for (WebhookFormat f : values()) {
      if (f.wireName().equals(text)) {
        return f;
      }
    }
    return null;
  }
}
