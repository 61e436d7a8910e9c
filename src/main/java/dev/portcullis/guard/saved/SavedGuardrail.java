package dev.portcullis.guard.saved;

import java.time.Instant;

/**
 * One version of a saved guardrail.
 *
 * @param body its JSON {@code {"checks": [...], "deny": bool}}
 */
public record SavedGuardrail(String id, String workspaceId, String name, int version, String body,
    Instant createdAt) {}
