package dev.portcullis.policy;

import java.time.Instant;

/** One row of {@code policy_rules}: a version of a rule as stored, its body the rule's JSON. */
record StoredRule(String id, int version, String workspaceId, String body, boolean deleted, Instant createdAt) {

  /** The version that marks this rule deleted: its last body, kept for the record. */
  StoredRule deleted(int newVersion, Instant at) {
    return new StoredRule(id, newVersion, workspaceId, body, true, at);
  }
}
