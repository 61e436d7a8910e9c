package dev.portcullis.keys;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Creates, lists and revokes gateway keys; the CLI and the admin API both go through here. Blocking: call from
 * worker threads.
 */
public final class ApiKeyService {

  /** Id of the key made on first start when no PORTCULLIS_ADMIN_KEY is given. */
  public static final String BOOTSTRAP_ID = "bootstrap-admin";
  public static final String DEFAULT_WORKSPACE = "default";

  private final ApiKeyRepository repository;
  private final Clock clock;

  public ApiKeyService(ApiKeyRepository repository, Clock clock) {
    this.repository = repository;
    this.clock = clock;
  }

  /** A key just made: the stored record and the secret, which is never retrievable again. */
  public record CreatedKey(ApiKey key, String secret) {
    @Override
    public String toString() {
      return "CreatedKey[" + key + ", secret=***]";
    }
  }

  public CreatedKey create(String name, Role role, String workspaceId, Instant expiresAt) {
    if (name == null || name.isBlank() || name.length() > 100) {
      throw new IllegalArgumentException("name: '" + name + "' (expected: 1..100 characters)");
    }
    Instant now = clock.instant();
    if (expiresAt != null && !expiresAt.isAfter(now)) {
      throw new IllegalArgumentException("expires_at: " + expiresAt + " (expected: a time in the future)");
    }
    return store(UUID.randomUUID().toString(), name, role, workspaceId, expiresAt, KeyHasher.newSecret());
  }

  /**
   * Makes sure the bootstrap admin key exists. With a configured secret, its hash is (re)stored under the bootstrap
   * id; without one, a secret is generated on the first start only and returned so it can be printed once.
   */
  public Optional<String> ensureBootstrapAdmin(String configuredSecret) {
    Optional<ApiKey> existing = repository.findById(BOOTSTRAP_ID);
    if (configuredSecret != null) {
      String hash = KeyHasher.hash(configuredSecret);
      if (existing.isEmpty() || !existing.get().keyHash().equals(hash)) {
        existing.ifPresent(k -> repository.delete(k.id()));
        store(BOOTSTRAP_ID, "bootstrap admin", Role.ADMIN, DEFAULT_WORKSPACE, null, configuredSecret);
      }
      return Optional.empty();
    }
    if (existing.isPresent()) {
      return Optional.empty();
    }
    return Optional.of(store(BOOTSTRAP_ID, "bootstrap admin", Role.ADMIN, DEFAULT_WORKSPACE, null,
        KeyHasher.newSecret()).secret());
  }

  public List<ApiKey> list(String workspaceId) {
    return repository.list(workspaceId);
  }

  public Optional<ApiKey> find(String id) {
    return repository.findById(id);
  }

  public boolean revoke(String id) {
    return repository.revoke(id, clock.instant());
  }

  private CreatedKey store(String id, String name, Role role, String workspaceId, Instant expiresAt, String secret) {
    ApiKey key = new ApiKey(id, workspaceId, name, KeyHasher.hash(secret), KeyHasher.displayPrefix(secret), role,
        clock.instant(), expiresAt, null);
    repository.insert(key);
    return new CreatedKey(key, secret);
  }
}
