package dev.portcullis.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the gateway knows about one AI system over a period: from its request log, its settings and its audit trail.
 *
 * @param logRetentionDays the days of request log the system's workspace keeps
 * @param retentionSetBy where that figure comes from
 * @param bodyRetentionDays the days request bodies kept by a content-logging rule stay
 * @param usage one row per provider and model the system's requests went to, most requests first
 * @param guardrailVerdicts the system's requests by guardrail verdict (passed, flagged, redacted, denied)
 * @param policyVerdicts the system's requests by policy verdict (allow, deny, rate_limited, budget_exceeded)
 * @param rulesInForce policy rule and guardrail versions in force at some time in the period
 * @param governanceChanges changes to policies, guardrails and configs made in the period, from the audit trail
 * @param alerts alerts of the workspaces the system's traffic runs in, raised in the period
 * @param guardrailBlocks the newest requests of the system a guardrail denied
 * @param workspaces the workspaces whose rules apply: the system's, its ancestors and descendants
 */
public record AiActFacts(
    String organisation,
    AiSystem system,
    ReportPeriod period,
    Instant generatedAt,
    int logRetentionDays,
    String retentionSetBy,
    int bodyRetentionDays,
    List<ModelUse> usage,
    Map<String, Long> guardrailVerdicts,
    Map<String, Long> policyVerdicts,
    List<RuleVersion> rulesInForce,
    List<Change> governanceChanges,
    List<ReportedAlert> alerts,
    List<Block> guardrailBlocks,
    List<String> workspaces) {

  public long requests() {
    return usage.stream().mapToLong(ModelUse::requests).sum();
  }

  /** The system's requests to one provider and model. */
  public record ModelUse(String provider, String model, long requests, long errors, long inputTokens,
      long outputTokens, double costUsd, Instant firstSeen, Instant lastSeen) {}

  /**
   * One version of a policy rule or guardrail, in force from {@code from} until {@code until} (null: still in force).
   *
   * @param kind {@code policy} or {@code guardrail}
   */
  public record RuleVersion(String kind, String id, String name, int version, String workspaceId, Instant from,
      Instant until) {}

  /** One audited change. */
  public record Change(Instant at, String action, String objectId, String actor) {}

  /** One request a guardrail denied. */
  public record Block(Instant at, String requestId, String model) {}
}
