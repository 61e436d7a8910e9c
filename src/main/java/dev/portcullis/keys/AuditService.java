package dev.portcullis.keys;

import dev.portcullis.observe.AuditEntry;
import dev.portcullis.observe.AuditQuery;
import dev.portcullis.observe.AuditVerdict;
import dev.portcullis.store.Page;

/** Reads the audit trail as a tenant may: entries of its workspaces only; and verifies the whole chain. */
public final class AuditService {

  private final TenancyStore store;

  AuditService(TenancyStore store) {
    this.store = store;
  }

  /**
   * Entries about {@code workspaceId} and its descendants (deleted ones included), newest first.
   *
   * @param beforeSeq the {@code next_cursor} of the previous page, or null
   */
  public Page<AuditEntry> list(Reach reach, String workspaceId, String action, String objectId, Long beforeSeq,
      int limit) {
    return store.read("list audit entries", c -> {
      reach.require(c, workspaceId);
      return store.audit.list(c, new AuditQuery(store.workspaces.subtreeIdsWithDeleted(c, workspaceId), action,
          objectId, beforeSeq, limit));
    });
  }

  /** Checks every entry of the chain, across all workspaces. */
  public AuditVerdict verify() {
    return store.read("verify the audit chain", store.audit::verify);
  }
}
