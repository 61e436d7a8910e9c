package dev.portcullis.keys;

import java.time.Instant;
import java.util.Map;

/**
 * A tenant: every key, virtual key and user belongs to one. Workspaces form a tree under {@value #ROOT}; an admin of
 * a workspace manages it and everything below it (its sub-accounts), and nothing else.
 *
 * @param parentId null for the root only
 * @param enabled false suspends every key of this workspace and of its descendants
 * @param deletedAt null while the workspace exists
 * @param logRetentionDays how many days of request log this workspace keeps, or null for
 *     {@code PORTCULLIS_LOG_RETENTION_DAYS}
 */
public record Workspace(
    String id,
    String parentId,
    String name,
    boolean enabled,
    WorkspaceLimits limits,
    Map<String, String> metadata,
    Instant createdAt,
    Instant deletedAt,
    Integer logRetentionDays) {

  /** The workspace every installation starts with; the bootstrap admin key belongs to it. */
  public static final String ROOT = "default";

  public Workspace {
    metadata = Map.copyOf(metadata);
  }

  Workspace edited(String newName, boolean newEnabled, WorkspaceLimits newLimits, Map<String, String> newMetadata,
      Integer newLogRetentionDays) {
    return new Workspace(id, parentId, newName, newEnabled, newLimits, newMetadata, createdAt, deletedAt,
        newLogRetentionDays);
  }

  Workspace deleted(Instant at) {
    return new Workspace(id, parentId, name, false, limits, metadata, createdAt, at, logRetentionDays);
  }
}
