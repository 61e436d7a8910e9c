package dev.portcullis.keys;

import dev.portcullis.observe.AuditActor;
import dev.portcullis.observe.AuditEntry;
import dev.portcullis.observe.AuditEvent;
import dev.portcullis.observe.AuditQuery;
import dev.portcullis.observe.AuditVerdict;
import dev.portcullis.store.Page;
import java.util.List;

/**
 * Reads the audit trail as a tenant may: entries of its workspaces only; verifies the whole chain; and records the
 * admin actions whose state lives outside the store (a cache purge).
 */
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

  /** Appends one entry for an action that changed nothing in the store. Blocking. */
  public void record(AuditActor actor, AuditEvent event) {
    store.change("record " + event.action(), actor, (c, now) -> new TenancyStore.Outcome<>(null, List.of(event),
        List.of()));
  }

  /** Checks every entry of the chain, across all workspaces. */
  public AuditVerdict verify() {
    return store.read("verify the audit chain", store.audit::verify);
  }
}
