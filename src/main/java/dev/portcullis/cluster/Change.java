package dev.portcullis.cluster;

import java.util.Locale;

/**
 * Something that changed in the store and that nodes may hold in memory.
 *
 * @param kind what kind of object
 * @param workspaceId the workspace it belongs to
 * @param id its id (virtual keys: the slug), or null when everything of that kind in the workspace changed
 */
public record Change(Kind kind, String workspaceId, String id) {

  /** The kinds of object nodes cache. */
  public enum Kind { API_KEY, VIRTUAL_KEY, WORKSPACE, USER, CONFIG, POLICY, GUARDRAIL, CACHE }

  private static final char SEPARATOR = '\u001f';

  public static Change apiKey(String workspaceId, String id) {
    return new Change(Kind.API_KEY, workspaceId, id);
  }

  public static Change virtualKey(String workspaceId, String slug) {
    return new Change(Kind.VIRTUAL_KEY, workspaceId, slug);
  }

  public static Change workspace(String workspaceId) {
    return new Change(Kind.WORKSPACE, workspaceId, workspaceId);
  }

  public static Change user(String workspaceId, String id) {
    return new Change(Kind.USER, workspaceId, id);
  }

  public static Change config(String workspaceId, String id) {
    return new Change(Kind.CONFIG, workspaceId, id);
  }

  /** A policy rule, a workspace's policy default or a price override changed. */
  public static Change policy(String workspaceId, String id) {
    return new Change(Kind.POLICY, workspaceId, id);
  }

  /** A saved guardrail changed. */
  public static Change guardrail(String workspaceId, String id) {
    return new Change(Kind.GUARDRAIL, workspaceId, id);
  }

  /** The cached answers of a workspace were purged: of one namespace, or of all ({@code namespace} null). */
  public static Change cache(String workspaceId, String namespace) {
    return new Change(Kind.CACHE, workspaceId, namespace);
  }

  /** Whether this change concerns the object {@code objectId} of kind {@code kind} in {@code workspace}. */
  public boolean touches(Kind k, String workspace, String objectId) {
    return kind == k && workspaceId.equals(workspace) && (id == null || id.equals(objectId));
  }

  String encode() {
    return kind.name().toLowerCase(Locale.ROOT) + SEPARATOR + workspaceId + SEPARATOR + (id == null ? "" : id);
  }

  static Change decode(String text) {
    String[] parts = text.split(String.valueOf(SEPARATOR), -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException("change message: " + parts.length + " fields (expected: 3)");
    }
    return new Change(Kind.valueOf(parts[0].toUpperCase(Locale.ROOT)), parts[1], parts[2].isEmpty() ? null : parts[2]);
  }
}
