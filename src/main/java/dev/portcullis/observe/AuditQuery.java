package dev.portcullis.observe;

import java.util.List;

/**
 * Which audit entries to list, newest first.
 *
 * @param workspaceIds entries of these workspaces only
 * @param action exact action, or null
 * @param objectId exact object id, or null
 * @param beforeSeq only entries older than this seq (the cursor of the previous page), or null
 * @param limit at most this many entries
 */
public record AuditQuery(List<String> workspaceIds, String action, String objectId, Long beforeSeq, int limit) {

  public AuditQuery {
    workspaceIds = List.copyOf(workspaceIds);
  }
}
