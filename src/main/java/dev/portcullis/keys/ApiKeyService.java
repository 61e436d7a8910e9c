package dev.portcullis.keys;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.cluster.Change;
import dev.portcullis.error.GatewayException;
import dev.portcullis.observe.AuditActor;
import dev.portcullis.observe.AuditEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Creates, lists, edits, rotates and revokes gateway keys, each change audited; the CLI and the admin API both go
 * through here. Blocking: call from worker threads.
 */
public final class ApiKeyService {

  /** Id of the key made on first start when no PORTCULLIS_ADMIN_KEY is given. */
  public static final String BOOTSTRAP_ID = "bootstrap-admin";
  public static final String DEFAULT_WORKSPACE = Workspace.ROOT;
  /** Grace period of a rotation when the caller names none. */
  public static final Duration DEFAULT_GRACE = Duration.ofHours(1);
  private static final Duration MAX_GRACE = Duration.ofDays(30);
  private static final int MAX_METADATA_CHARS = 8192;

  private final TenancyStore store;

  ApiKeyService(TenancyStore store) {
    this.store = store;
  }

  /**
   * What a caller asks for. Give a role or scopes, not both (neither: member).
   *
   * @param userId the user the key belongs to, or null
   * @param defaultConfig JSON text: a routing config object, or a string naming a saved config; or null
   * @param cache JSON text of a checked cache setting, or null
   */
  public record Draft(String workspaceId, String name, Role role, Set<Scope> scopes, String userId, Instant expiresAt,
      String defaultConfig, String cache, Map<String, String> metadata) {

    /** A draft without a cache setting. */
    public Draft(String workspaceId, String name, Role role, Set<Scope> scopes, String userId, Instant expiresAt,
        String defaultConfig, Map<String, String> metadata) {
      this(workspaceId, name, role, scopes, userId, expiresAt, defaultConfig, null, metadata);
    }
  }

  /**
   * Edits to a key; a null field stays as it is.
   *
   * @param defaultConfig Optional.empty() removes it
   * @param cache JSON text of a checked cache setting; Optional.empty() removes it
   * @param expiresAt Optional.empty() makes the key never expire
   */
  public record Patch(String name, Map<String, String> metadata, Optional<String> defaultConfig,
      Optional<String> cache, Optional<Instant> expiresAt) {}

  /** A key just made or rotated: the stored record and the secret, which is never retrievable again. */
  public record CreatedKey(ApiKey key, String secret) {
    @Override
    public String toString() {
      return "CreatedKey[" + key + ", secret=***]";
    }
  }

  public CreatedKey create(Reach reach, AuditActor actor, Draft draft) {
    checkName(draft.name());
    Set<Scope> scopes = scopesOf(draft);
    String config = normalizedConfig(draft.defaultConfig());
    Map<String, String> metadata = checkedMetadata(draft.metadata());
    String secret = KeyHasher.newSecret();
    return store.change("create api key '" + draft.name() + "'", actor, (c, now) -> {
      Workspace w = reach.require(c, draft.workspaceId());
      checkExpiry(draft.expiresAt(), now);
      if (draft.userId() != null) {
        User user = store.users.find(c, draft.userId()).filter(u -> u.workspaceId().equals(w.id()))
            .orElseThrow(() -> Reach.notFound("user", draft.userId()));
        if (!user.role().scopes().containsAll(scopes)) {
          throw GatewayException.badRequest("scopes: " + Scope.join(scopes) + " exceed the role of user '"
              + user.email() + "' (expected: at most " + Scope.join(user.role().scopes()) + ")", "scopes");
        }
      }
      store.workspaces.lock(c, w.id());
      Integer max = w.limits().maxApiKeys();
      if (max != null && store.apiKeys.countActive(c, w.id()) >= max) {
        throw GatewayException.forbidden("workspace '" + w.id() + "' already holds its limit of " + max
            + " active api keys (expected: revoke one, or ask the parent workspace's admin to raise max_api_keys)");
      }
      ApiKey key = new ApiKey(UUID.randomUUID().toString(), w.id(), draft.name(), KeyHasher.hash(secret),
          KeyHasher.displayPrefix(secret), Role.covering(scopes), scopes, draft.userId(), config, draft.cache(),
          metadata, now,
          draft.expiresAt(), null, null, null, null, null);
      store.apiKeys.insert(c, key);
      return TenancyStore.Outcome.of(new CreatedKey(key, secret), event(key, "create", null, key));
    });
  }

  public List<ApiKey> list(Reach reach, String workspaceId) {
    return store.read("list api keys", c -> store.apiKeys.list(c, reach.require(c, workspaceId).id()));
  }

  public ApiKey find(Reach reach, String id) {
    return store.read("read api key '" + id + "'", c -> inReach(c, reach, id));
  }

  public ApiKey update(Reach reach, AuditActor actor, String id, Patch patch) {
    if (patch.name() != null) {
      checkName(patch.name());
    }
    Map<String, String> metadata = patch.metadata() == null ? null : checkedMetadata(patch.metadata());
    Optional<String> config = patch.defaultConfig() == null ? null : patch.defaultConfig().map(ApiKeyService::normalizedConfig);
    return store.change("update api key '" + id + "'", actor, (c, now) -> {
      ApiKey before = inReach(c, reach, id);
      if (patch.expiresAt() != null) {
        checkExpiry(patch.expiresAt().orElse(null), now);
      }
      ApiKey after = before.edited(
          patch.name() != null ? patch.name() : before.name(),
          metadata != null ? metadata : before.metadata(),
          config != null ? config.orElse(null) : before.defaultConfig(),
          patch.cache() != null ? patch.cache().orElse(null) : before.cache(),
          patch.expiresAt() != null ? patch.expiresAt().orElse(null) : before.expiresAt());
      store.apiKeys.update(c, after);
      return TenancyStore.Outcome.of(after, event(after, "update", before, after),
          Change.apiKey(after.workspaceId(), id));
    });
  }

  /**
   * Gives the key a new secret. The old secret keeps working for {@code grace} (null: {@link #DEFAULT_GRACE}); a
   * secret replaced by an earlier rotation stops at once.
   */
  public CreatedKey rotate(Reach reach, AuditActor actor, String id, Duration grace) {
    Duration g = grace == null ? DEFAULT_GRACE : grace;
    if (g.isNegative() || g.compareTo(MAX_GRACE) > 0) {
      throw GatewayException.badRequest("grace_period_seconds: " + g.toSeconds() + " (expected: 0.."
          + MAX_GRACE.toSeconds() + ")", "grace_period_seconds");
    }
    String secret = KeyHasher.newSecret();
    return store.change("rotate api key '" + id + "'", actor, (c, now) -> {
      ApiKey before = inReach(c, reach, id);
      if (before.revokedAt() != null) {
        throw GatewayException.conflict("api key '" + id + "' was revoked at " + before.revokedAt()
            + " (expected: an active key; create a new one instead)");
      }
      ApiKey after = before.rotated(KeyHasher.hash(secret), KeyHasher.displayPrefix(secret), now, now.plus(g));
      store.apiKeys.update(c, after);
      return TenancyStore.Outcome.of(new CreatedKey(after, secret), event(after, "rotate", before, after),
          Change.apiKey(after.workspaceId(), id));
    });
  }

  public ApiKey revoke(Reach reach, AuditActor actor, String id) {
    return store.change("revoke api key '" + id + "'", actor, (c, now) -> {
      ApiKey before = inReach(c, reach, id);
      if (before.revokedAt() != null) {
        throw GatewayException.conflict("api key '" + id + "' is already revoked (since " + before.revokedAt() + ")");
      }
      ApiKey after = before.revoked(now);
      store.apiKeys.update(c, after);
      return TenancyStore.Outcome.of(after, event(after, "revoke", before, after),
          Change.apiKey(after.workspaceId(), id));
    });
  }

  /**
   * Makes sure the bootstrap admin key exists. With a configured secret, its hash is (re)stored under the bootstrap
   * id; without one, a secret is generated on the first start only and returned so it can be printed once.
   */
  public Optional<String> ensureBootstrapAdmin(String configuredSecret) {
    Optional<ApiKey> existing = store.read("read the bootstrap key", c -> store.apiKeys.findById(c, BOOTSTRAP_ID));
    String hash = configuredSecret == null ? null : KeyHasher.hash(configuredSecret);
    if (existing.isPresent() && (hash == null || existing.get().keyHash().equals(hash))) {
      return Optional.empty();
    }
    String secret = configuredSecret != null ? configuredSecret : KeyHasher.newSecret();
    store.change("store the bootstrap admin key", AuditActor.system(), (c, now) -> {
      ApiKey before = existing.orElse(null);
      if (before != null) {
        store.apiKeys.delete(c, BOOTSTRAP_ID);
      }
      ApiKey key = new ApiKey(BOOTSTRAP_ID, Workspace.ROOT, "bootstrap admin", KeyHasher.hash(secret),
          KeyHasher.displayPrefix(secret), Role.ADMIN, Role.ADMIN.scopes(), null, null, null, Map.of(), now, null, null,
          null, null, null, null);
      store.apiKeys.insert(c, key);
      return TenancyStore.Outcome.of(key, event(key, before == null ? "create" : "replace", before, key),
          Change.apiKey(Workspace.ROOT, BOOTSTRAP_ID));
    });
    return configuredSecret == null ? Optional.of(secret) : Optional.empty();
  }

  private ApiKey inReach(Connection c, Reach reach, String id) throws SQLException {
    Optional<ApiKey> key = store.apiKeys.findById(c, id);
    if (key.isEmpty() || !reach.covers(c, key.get().workspaceId())) {
      throw Reach.notFound("api key", id);
    }
    return key.get();
  }

  private static AuditEvent event(ApiKey key, String verb, ApiKey before, ApiKey after) {
    return new AuditEvent(key.workspaceId(), "api_key." + verb, "api_key", key.id(),
        before == null ? null : TenancyViews.of(before), after == null ? null : TenancyViews.of(after));
  }

  private static Set<Scope> scopesOf(Draft draft) {
    if (draft.role() != null && draft.scopes() != null && !draft.scopes().isEmpty()) {
      throw GatewayException.badRequest("role and scopes: both given (expected: a role, or scopes, not both)", "scopes");
    }
    if (draft.scopes() != null && !draft.scopes().isEmpty()) {
      return draft.scopes();
    }
    return (draft.role() == null ? Role.MEMBER : draft.role()).scopes();
  }

  private static void checkName(String name) {
    if (name == null || name.isBlank() || name.length() > 100) {
      throw GatewayException.badRequest("name: '" + name + "' (expected: 1..100 characters)", "name");
    }
  }

  private static void checkExpiry(Instant expiresAt, Instant now) {
    if (expiresAt != null && !expiresAt.isAfter(now)) {
      throw GatewayException.badRequest("expires_at: " + expiresAt + " (expected: a time in the future)",
          "expires_at");
    }
  }

  /** The config as compact JSON text; only a JSON object or string is accepted. */
  static String normalizedConfig(String text) {
    if (text == null) {
      return null;
    }
    JsonNode node;
    try {
      node = StoredJson.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw GatewayException.badRequest("default_config: not valid JSON: " + e.getOriginalMessage()
          + " (expected: a routing config object, or the id of a saved config as a JSON string)", "default_config");
    }
    if (node == null || !(node.isObject() || node.isTextual()) || (node.isTextual() && node.asText().isBlank())) {
      throw GatewayException.badRequest("default_config: " + text + " (expected: a routing config object, or the id "
          + "of a saved config as a JSON string)", "default_config");
    }
    return node.toString();
  }

  static Map<String, String> checkedMetadata(Map<String, String> metadata) {
    if (metadata == null) {
      return Map.of();
    }
    String text = StoredJson.write(metadata);
    if (text.length() > MAX_METADATA_CHARS) {
      throw GatewayException.badRequest("metadata: " + text.length() + " characters of JSON (expected: at most "
          + MAX_METADATA_CHARS + ")", "metadata");
    }
    return metadata;
  }
}
