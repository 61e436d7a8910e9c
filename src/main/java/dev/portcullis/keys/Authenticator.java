package dev.portcullis.keys;

import dev.portcullis.cluster.Change;
import dev.portcullis.error.GatewayException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns a presented gateway key into a {@link Principal}, from memory: the key, its user's role and whether its
 * workspace (and every ancestor) is enabled are read together on a worker thread the first time a secret is seen, and
 * kept until a change notification drops them (or for {@link #REFRESH_AFTER}, after which they are re-read in the
 * background). Expiry and grace periods are checked against the clock on every call.
 */
public final class Authenticator {

  /** How long a cached key is served before a background re-read; bounds how late a missed notification shows. */
  public static final Duration REFRESH_AFTER = Duration.ofSeconds(30);

  /** A loaded key with everything the request path needs to decide. */
  private record Credential(ApiKey key, Principal principal, boolean previousSecret, String inactiveWorkspace,
      KeyUsage.Cell usage) {}

  private final TenancyStore store;
  private final Vertx vertx;
  private final Clock clock;
  private final KeyUsage usage;
  private final StoredObjectCache<String, Credential> byHash;

  Authenticator(TenancyStore store, Vertx vertx, KeyUsage usage) {
    this.store = store;
    this.vertx = vertx;
    this.clock = store.clock;
    this.usage = usage;
    this.byHash = new StoredObjectCache<>(vertx, clock, this::load, REFRESH_AFTER, Duration.ofSeconds(2));
    store.changes.subscribe(this::changed);
  }

  /**
   * Authenticates a caller of an inference route: fails with 401 when the key is missing, unknown, revoked or
   * expired, and 403 when it lacks the {@code inference} scope or its workspace is disabled.
   */
  public Future<Principal> authenticate(String presented) {
    return authenticate(presented, Scope.INFERENCE);
  }

  /** Like {@link #authenticate(String)}, requiring {@code needed}, or no particular scope when null. */
  public Future<Principal> authenticate(String presented, Scope needed) {
    if (presented == null || presented.isEmpty()) {
      return Future.failedFuture(GatewayException.unauthorized(
          "missing gateway API key (expected: 'Authorization: Bearer <key>' or an 'x-portcullis-api-key' header)"));
    }
    return byHash.get(KeyHasher.hash(presented)).compose(credential -> credential == null
        ? Future.failedFuture(unknown())
        : checked(credential, needed));
  }

  /**
   * Re-checks a key known by its id, as a dashboard session names it: the same answers as {@link #authenticate}
   * (revoked, expired, disabled workspace, missing scope), read from the store on a worker thread each time, so a
   * revocation signs the session out at once.
   */
  public Future<Principal> authenticateKeyId(String keyId, Scope needed) {
    return vertx.<Optional<Credential>>executeBlocking(() -> store.read("authenticate a dashboard session", c -> {
      Optional<ApiKey> found = store.apiKeys.findById(c, keyId);
      return found.isEmpty() ? Optional.<Credential>empty() : Optional.of(credential(c, found.get(), false));
    }), false).compose(credential -> credential.isEmpty() ? Future.failedFuture(unknown())
        : checked(credential.get(), needed));
  }

  private Future<Principal> checked(Credential credential, Scope needed) {
    long now = clock.millis();
    ApiKey key = credential.key();
    if (key.revokedAt() != null) {
      return Future.failedFuture(GatewayException.unauthorized(
          "gateway API key '" + key.name() + "' was revoked at " + key.revokedAt()));
    }
    if (key.expiresAt() != null && now >= key.expiresAt().toEpochMilli()) {
      return Future.failedFuture(GatewayException.unauthorized(
          "gateway API key '" + key.name() + "' expired at " + key.expiresAt()));
    }
    if (credential.previousSecret()
        && (key.previousValidUntil() == null || now >= key.previousValidUntil().toEpochMilli())) {
      return Future.failedFuture(GatewayException.unauthorized("gateway API key '" + key.name() + "' was rotated at "
          + key.rotatedAt() + "; its previous secret stopped working at " + key.previousValidUntil()
          + " (expected: the new secret)"));
    }
    if (credential.inactiveWorkspace() != null) {
      return Future.failedFuture(GatewayException.forbidden("workspace '" + credential.inactiveWorkspace()
          + "' is disabled, so gateway API key '" + key.name() + "' may not be used (expected: an enabled workspace)"));
    }
    Principal principal = credential.principal();
    if (needed != null && !principal.has(needed)) {
      return Future.failedFuture(GatewayException.forbidden("gateway API key '" + key.name() + "' lacks scope '"
          + needed.wireName() + "' (has: " + (principal.scopes().isEmpty() ? "none"
              : principal.scopes().stream().sorted().map(Scope::wireName).collect(Collectors.joining(", "))) + ")"));
    }
    credential.usage().lastUsedMillis = now;
    return Future.succeededFuture(principal);
  }

  private Optional<Credential> load(String hash) {
    return store.read("authenticate a gateway key", c -> {
      Optional<ApiKey> found = store.apiKeys.findByHash(c, hash);
      if (found.isEmpty()) {
        return Optional.empty();
      }
      ApiKey key = found.get();
      return Optional.of(credential(c, key, !hash.equals(key.keyHash())));
    });
  }

  private Credential credential(Connection c, ApiKey key, boolean previousSecret) throws SQLException {
    Set<Scope> scopes = key.scopes().isEmpty() ? EnumSet.noneOf(Scope.class) : EnumSet.copyOf(key.scopes());
    if (key.userId() != null) {
      scopes.retainAll(store.users.find(c, key.userId()).map(u -> u.role().scopes()).orElse(Set.of()));
    }
    List<Workspace> lineage = store.workspaces.lineage(c, key.workspaceId());
    String inactive = lineage.isEmpty() ? key.workspaceId()
        : lineage.stream().filter(w -> !w.enabled()).map(Workspace::id).findFirst().orElse(null);
    Principal principal = new Principal(key.id(), key.workspaceId(), key.name(), key.role(), scopes, key.userId(),
        key.defaultConfig(), key.cache(), key.metadata());
    return new Credential(key, principal, previousSecret, inactive, usage.cell(key.id()));
  }

  private void changed(Change change) {
    switch (change.kind()) {
      case API_KEY -> byHash.invalidate(cred -> change.touches(Change.Kind.API_KEY, cred.key().workspaceId(),
          cred.key().id()));
      case USER -> byHash.invalidate(cred -> change.id() == null || change.id().equals(cred.key().userId()));
      case WORKSPACE -> byHash.invalidate(cred -> true);
      case VIRTUAL_KEY, CONFIG, POLICY, GUARDRAIL, CACHE -> { }
    }
  }

  private static GatewayException unknown() {
    return GatewayException.unauthorized("gateway API key not recognised (expected: a key created with "
        + "'portcullis keys create' or POST /admin/v1/api-keys)");
  }
}
