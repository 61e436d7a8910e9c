package dev.portcullis.policy;

import java.time.Instant;

/** What an alert rule noticed about one request. */
public record PolicyAlert(String id, Instant at, String workspaceId, String ruleId, String ruleName,
    String requestId, String message) {}
