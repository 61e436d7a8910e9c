package dev.portcullis.alert;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;

/**
 * One alert.
 *
 * @param ruleId the policy rule, budget rule or anomaly signal that raised it (a signal's name), or null
 * @param ruleName its human name
 * @param apiKeyId the gateway key it is about, or null when it is about a whole workspace
 * @param requestId the request that raised it (policy alerts), or null
 * @param dedupKey when set, a second alert with the same key is not stored (budgets: once per period)
 * @param acknowledgedAt when someone acknowledged it, or null while open
 * @param acknowledgedBy who did (an audit actor's name), or null
 */
public record Alert(
    String id,
    AlertKind kind,
    String ruleId,
    String ruleName,
    AlertSeverity severity,
    String summary,
    String workspaceId,
    String apiKeyId,
    String requestId,
    String dedupKey,
    Instant createdAt,
    Instant acknowledgedAt,
    String acknowledgedBy) {

  private static final SecureRandom RANDOM = new SecureRandom();

  /** A new, open alert with a fresh id. */
  public static Alert raise(AlertKind kind, String ruleId, String ruleName, AlertSeverity severity, String summary,
      String workspaceId, String apiKeyId, String requestId, String dedupKey, Instant at) {
    byte[] b = new byte[8];
    RANDOM.nextBytes(b);
    return new Alert("alr-" + HexFormat.of().formatHex(b), kind, ruleId, ruleName, severity, summary, workspaceId,
        apiKeyId, requestId, dedupKey, at, null, null);
  }

  public boolean open() {
    return acknowledgedAt == null;
  }

  /** The webhook event name, e.g. {@code alert.anomaly}. */
  public String event() {
    return "alert." + kind.wireName();
  }
}
