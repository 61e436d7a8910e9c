package dev.portcullis.keys;

/**
 * How much a workspace may hold, set by the admin of its parent; null means no limit.
 *
 * @param maxApiKeys active (not revoked) gateway keys
 * @param maxVirtualKeys virtual keys
 * @param maxWorkspaces direct child workspaces
 */
public record WorkspaceLimits(Integer maxApiKeys, Integer maxVirtualKeys, Integer maxWorkspaces) {

  public static final WorkspaceLimits NONE = new WorkspaceLimits(null, null, null);
}
