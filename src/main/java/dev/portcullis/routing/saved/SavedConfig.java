package dev.portcullis.routing.saved;

import java.time.Instant;

/** One version of a saved routing config; the body is the config JSON as the user wrote it. */
public record SavedConfig(String id, String workspaceId, String name, int version, String body, Instant createdAt) {}
