package dev.portcullis.keys;

import dev.portcullis.cluster.Change;
import dev.portcullis.error.GatewayException;
import dev.portcullis.observe.AuditActor;
import dev.portcullis.observe.AuditEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Creates, lists, edits and deletes users. Lowering a user's role narrows their keys at once; deleting a user
 * revokes their keys. Blocking: worker threads.
 */
public final class UserService {

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  private final TenancyStore store;

  UserService(TenancyStore store) {
    this.store = store;
  }

  public User create(Reach reach, AuditActor actor, String workspaceId, String email, String name, Role role) {
    if (email == null || !EMAIL.matcher(email).matches() || email.length() > 254) {
      throw GatewayException.badRequest("email: '" + email + "' (expected: an email address)", "email");
    }
    checkName(name);
    return store.change("create user '" + email + "'", actor, (c, now) -> {
      Workspace w = reach.require(c, workspaceId);
      if (store.users.findByEmail(c, w.id(), email).isPresent()) {
        throw GatewayException.conflict("user '" + email + "' already exists in workspace '" + w.id()
            + "' (expected: a new email)");
      }
      User user = new User(UUID.randomUUID().toString(), w.id(), email, name, role == null ? Role.MEMBER : role, now);
      store.users.insert(c, user);
      return TenancyStore.Outcome.of(user, event(user, "create", null, user));
    });
  }

  public List<User> list(Reach reach, String workspaceId) {
    return store.read("list users", c -> store.users.list(c, reach.require(c, workspaceId).id()));
  }

  public User find(Reach reach, String id) {
    return store.read("read user '" + id + "'", c -> inReach(c, reach, id));
  }

  /** Renames or changes the role; null fields stay. */
  public User update(Reach reach, AuditActor actor, String id, String name, Role role) {
    if (name != null) {
      checkName(name);
    }
    return store.change("update user '" + id + "'", actor, (c, now) -> {
      User before = inReach(c, reach, id);
      User after = before.edited(name != null ? name : before.name(), role != null ? role : before.role());
      store.users.update(c, after);
      return TenancyStore.Outcome.of(after, event(after, "update", before, after),
          Change.user(after.workspaceId(), id));
    });
  }

  public User delete(Reach reach, AuditActor actor, String id) {
    return store.change("delete user '" + id + "'", actor, (c, now) -> {
      User before = inReach(c, reach, id);
      List<AuditEvent> events = new ArrayList<>();
      for (ApiKey key : store.apiKeys.listActiveOfUser(c, id)) {
        ApiKey revoked = key.revoked(now);
        store.apiKeys.update(c, revoked);
        events.add(new AuditEvent(key.workspaceId(), "api_key.revoke", "api_key", key.id(), TenancyViews.of(key),
            TenancyViews.of(revoked)));
      }
      store.users.delete(c, id);
      events.add(event(before, "delete", before, null));
      return new TenancyStore.Outcome<>(before, events, List.of(Change.user(before.workspaceId(), id)));
    });
  }

  private User inReach(Connection c, Reach reach, String id) throws SQLException {
    Optional<User> user = store.users.find(c, id);
    if (user.isEmpty() || !reach.covers(c, user.get().workspaceId())) {
      throw Reach.notFound("user", id);
    }
    return user.get();
  }

  private static void checkName(String name) {
    if (name != null && (name.isBlank() || name.length() > 100)) {
      throw GatewayException.badRequest("name: '" + name + "' (expected: 1..100 characters)", "name");
    }
  }

  private static AuditEvent event(User u, String verb, User before, User after) {
    return new AuditEvent(u.workspaceId(), "user." + verb, "user", u.id(),
        before == null ? null : TenancyViews.of(before), after == null ? null : TenancyViews.of(after));
  }
}
