package dev.portcullis.report;

import dev.portcullis.observe.AuditVerdict;
import dev.portcullis.observe.analytics.Analytics.Group;
import dev.portcullis.observe.analytics.Summary;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything the security report states, read at one moment.
 *
 * @param workspaceId the workspace the report is about; its descendants are included
 * @param workspaceCount how many workspaces that reach holds (deleted ones included)
 * @param keyNames gateway key names by id, for the workspaces reached
 * @param denialsByRule requests denied, by the id of the rule that matched
 * @param ruleNames policy rule names by id
 * @param alertCount every alert of the period; {@code alerts} holds the newest of them
 * @param audit the whole chain's verification, or null when the reach is not the root workspace (the chain spans
 *     every workspace, so only root reports verify it)
 */
public record SecurityFacts(
    String organisation,
    ReportPeriod period,
    Instant generatedAt,
    String workspaceId,
    int workspaceCount,
    Summary current,
    Summary previous,
    List<Group> byModel,
    List<Group> byProvider,
    List<Group> byKey,
    List<Group> byUser,
    Map<String, String> keyNames,
    Map<String, Long> denialsByRule,
    Map<String, String> ruleNames,
    long rateLimited,
    long budgetExceeded,
    GuardrailHits guardrails,
    long alertCount,
    List<ReportedAlert> alerts,
    List<KeyEvent> keyEvents,
    List<ExpiringKey> expiringKeys,
    AuditVerdict audit,
    List<ActorChanges> changesByActor) {

  /** A gateway key created, rotated or revoked in the period, from the audit trail. */
  public record KeyEvent(Instant at, String action, String keyId, String actor) {}

  /** A live gateway key whose expiry falls within the warning window after the report was made. */
  public record ExpiringKey(String keyId, String name, String workspaceId, Instant expiresAt) {}

  /** How many admin changes of one kind one actor made in the period. */
  public record ActorChanges(String actor, String action, long count) {}
}
