package dev.portcullis.observe;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One admin change as its service reports it, before it is chained. Secrets in {@code before} and {@code after}
 * are already masked by the reporter.
 *
 * @param workspaceId the workspace the changed object belongs to
 * @param action what happened, {@code <object type>.<verb>}, e.g. {@code api_key.rotate}
 * @param before the object before the change, or null when it was created
 * @param after the object after the change, or null when it was deleted
 */
public record AuditEvent(
    String workspaceId, String action, String objectType, String objectId, JsonNode before, JsonNode after) {}
