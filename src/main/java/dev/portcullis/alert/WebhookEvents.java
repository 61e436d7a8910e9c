package dev.portcullis.alert;

import dev.portcullis.error.GatewayException;
import java.util.List;
import java.util.Set;

/** What a webhook subscribes to: {@code *}, {@code alert.*}, or named kinds such as {@code alert.budget}. */
public record WebhookEvents(List<String> patterns) {

  public static final WebhookEvents ALL = new WebhookEvents(List.of("*"));

  private static final Set<String> KNOWN = Set.of("*", "alert.*", "alert.policy", "alert.anomaly", "alert.budget");

  public WebhookEvents {
    patterns = List.copyOf(patterns);
  }

  /** The patterns as given, refused with a 400 naming the first unknown one; empty is refused too. */
  public static WebhookEvents parse(List<String> patterns) {
    if (patterns.isEmpty()) {
      throw GatewayException.badRequest("events: [] (expected: at least one of " + String.join(", ",
          KNOWN.stream().sorted().toList()) + ")", "events");
    }
    for (String p : patterns) {
      if (!KNOWN.contains(p)) {
        throw GatewayException.badRequest("events: '" + p + "' (expected one of: " + String.join(", ",
            KNOWN.stream().sorted().toList()) + ")", "events");
      }
    }
    return new WebhookEvents(patterns);
  }

  public boolean matches(String event) {
    for (String p : patterns) {
      if (p.equals("*") || p.equals(event) || p.equals("alert.*") && event.startsWith("alert.")) {
        return true;
      }
    }
    return false;
  }
}
