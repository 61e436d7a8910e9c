package dev.portcullis.keys;

import dev.portcullis.cluster.Change;
import dev.portcullis.error.GatewayException;
import dev.portcullis.observe.AuditActor;
import dev.portcullis.observe.AuditEvent;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Creates, lists, edits and deletes workspaces: the sub-account API. An admin creates child workspaces under its
 * own, sets their limits, suspends or deletes them; a workspace cannot raise its own limits. Blocking: worker
 * threads.
 */
public final class WorkspaceService {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final TenancyStore store;

  WorkspaceService(TenancyStore store) {
    this.store = store;
  }

  /** A new workspace; a null parent means the caller's home workspace. */
  public record Draft(String parentId, String name, WorkspaceLimits limits, Map<String, String> metadata) {}

  /** Edits; a null field stays as it is. Limits and enabled apply to descendants only. */
  /** What an edit changes; null leaves a field as it is. */
  public record Patch(String name, Boolean enabled, WorkspaceLimits limits, Map<String, String> metadata,
      Integer logRetentionDays) {}

  public Workspace create(Reach reach, AuditActor actor, Draft draft) {
    checkName(draft.name());
    WorkspaceLimits limits = checkedLimits(draft.limits());
    Map<String, String> metadata = ApiKeyService.checkedMetadata(draft.metadata());
    String parentId = draft.parentId() == null ? reach.home() : draft.parentId();
    return store.change("create workspace '" + draft.name() + "'", actor, (c, now) -> {
      Workspace parent = reach.require(c, parentId);
      store.workspaces.lock(c, parent.id());
      requireFreeName(c, parent.id(), draft.name(), null);
      Integer max = parent.limits().maxWorkspaces();
      if (max != null && store.workspaces.countChildren(c, parent.id()) >= max) {
        throw GatewayException.forbidden("workspace '" + parent.id() + "' already holds its limit of " + max
            + " child workspaces (expected: delete one, or ask its parent's admin to raise max_workspaces)");
      }
      Workspace w = new Workspace("ws-" + HexFormat.of().formatHex(randomBytes()), parent.id(), draft.name(), true,
          limits, metadata, now, null, null);
      store.workspaces.insert(c, w);
      return TenancyStore.Outcome.of(w, event(w, "create", null, w), Change.workspace(w.id()));
    });
  }

  /** A workspace in reach and every live descendant, parents first. */
  public List<Workspace> list(Reach reach, String workspaceId) {
    return store.read("list workspaces", c -> store.workspaces.subtree(c, reach.require(c, workspaceId).id()));
  }

  /** The ids of a workspace and of every workspace below it, deleted ones included (their history stays readable). */
  public List<String> subtreeIds(String id) {
    return store.read("list the workspaces below '" + id + "'", c -> store.workspaces.subtreeIdsWithDeleted(c, id));
  }

  public Workspace find(Reach reach, String id) {
    return store.read("read workspace '" + id + "'", c -> reach.require(c, id));
  }

  public Workspace update(Reach reach, AuditActor actor, String id, Patch patch) {
    if (patch.name() != null) {
      checkName(patch.name());
    }
    WorkspaceLimits limits = patch.limits() == null ? null : checkedLimits(patch.limits());
    Map<String, String> metadata = patch.metadata() == null ? null : ApiKeyService.checkedMetadata(patch.metadata());
    return store.change("update workspace '" + id + "'", actor, (c, now) -> {
      Workspace before = limits != null || patch.enabled() != null || patch.logRetentionDays() != null
          ? reach.requireBelow(c, id) : reach.require(c, id);
      if (patch.name() != null && before.parentId() != null) {
        store.workspaces.lock(c, before.parentId());
        requireFreeName(c, before.parentId(), patch.name(), before.id());
      }
      Workspace after = before.edited(
          patch.name() != null ? patch.name() : before.name(),
          patch.enabled() != null ? patch.enabled() : before.enabled(),
          limits != null ? limits : before.limits(),
          metadata != null ? metadata : before.metadata(),
          patch.logRetentionDays() != null ? patch.logRetentionDays() : before.logRetentionDays());
      store.workspaces.update(c, after);
      return TenancyStore.Outcome.of(after, event(after, "update", before, after), Change.workspace(id));
    });
  }

  /**
   * Deletes a descendant workspace that has no live children: its gateway keys are revoked, its virtual keys (and so
   * their credentials) and users deleted, each change audited; the workspace row stays, marked deleted, for history.
   */
  public Workspace delete(Reach reach, AuditActor actor, String id) {
    return store.change("delete workspace '" + id + "'", actor, (c, now) -> {
      Workspace before = reach.requireBelow(c, id);
      if (store.workspaces.countChildren(c, id) > 0) {
        throw GatewayException.conflict("workspace '" + id + "' has child workspaces (expected: delete them first)");
      }
      List<AuditEvent> events = new ArrayList<>();
      for (ApiKey key : store.apiKeys.list(c, id)) {
        if (key.revokedAt() == null) {
          ApiKey revoked = key.revoked(now);
          store.apiKeys.update(c, revoked);
          events.add(new AuditEvent(id, "api_key.revoke", "api_key", key.id(), TenancyViews.of(key),
              TenancyViews.of(revoked)));
        }
      }
      for (VirtualKeyRepository.Row row : store.virtualKeys.list(c, id)) {
        store.virtualKeys.delete(c, row.key().id());
        events.add(new AuditEvent(id, "virtual_key.delete", "virtual_key", row.key().id(),
            TenancyViews.of(row.key()), null));
      }
      for (User user : store.users.list(c, id)) {
        store.users.delete(c, user.id());
        events.add(new AuditEvent(id, "user.delete", "user", user.id(), TenancyViews.of(user), null));
      }
      Workspace after = before.deleted(now);
      store.workspaces.update(c, after);
      events.add(event(after, "delete", before, after));
      return new TenancyStore.Outcome<>(after, events, List.of(Change.workspace(id),
          new Change(Change.Kind.API_KEY, id, null), new Change(Change.Kind.VIRTUAL_KEY, id, null)));
    });
  }

  /**
   * Workspace names are unique among siblings (case-insensitively), so a name says which sub-account is meant. The
   * caller holds the parent's lock, so two nodes cannot both take a name.
   */
  private void requireFreeName(Connection c, String parentId, String name, String renaming) throws SQLException {
    Optional<Workspace> taken = store.workspaces.findChild(c, parentId, name);
    if (taken.isPresent() && !taken.get().id().equals(renaming)) {
      throw GatewayException.conflict("name: '" + name + "' is taken by workspace '" + taken.get().id()
          + "' under '" + parentId + "' (expected: a name no other child of '" + parentId + "' has)");
    }
  }

  private static AuditEvent event(Workspace w, String verb, Workspace before, Workspace after) {
    return new AuditEvent(w.id(), "workspace." + verb, "workspace", w.id(),
        before == null ? null : TenancyViews.of(before), after == null ? null : TenancyViews.of(after));
  }

  private static void checkName(String name) {
    if (name == null || name.isBlank() || name.length() > 100) {
      throw GatewayException.badRequest("name: '" + name + "' (expected: 1..100 characters)", "name");
    }
  }

  private static WorkspaceLimits checkedLimits(WorkspaceLimits limits) {
    if (limits == null) {
      return WorkspaceLimits.NONE;
    }
    check("limits.max_api_keys", limits.maxApiKeys());
    check("limits.max_virtual_keys", limits.maxVirtualKeys());
    check("limits.max_workspaces", limits.maxWorkspaces());
    return limits;
  }

  private static void check(String field, Integer value) {
    if (value != null && (value < 0 || value > 1_000_000)) {
      throw GatewayException.badRequest(field + ": " + value + " (expected: 0..1000000, or null for no limit)", field);
    }
  }

  private static byte[] randomBytes() {
    byte[] b = new byte[8];
    RANDOM.nextBytes(b);
    return b;
  }
}
