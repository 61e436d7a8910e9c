package dev.portcullis.keys;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.portcullis.error.GatewayException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a presented gateway key into a {@link Principal}. Known keys are answered from memory; an unknown hash is
 * looked up once on a worker thread (a key created by the CLI while the gateway runs works at once), and a miss is
 * remembered briefly so a flood of bad keys does not reach the database.
 */
public final class Authenticator {

  private final ApiKeyRepository repository;
  private final Vertx vertx;
  private final Clock clock;
  private final Map<String, ApiKey> byHash = new ConcurrentHashMap<>();
  private final Cache<String, Boolean> unknownHashes =
      Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofSeconds(2)).build();

  public Authenticator(ApiKeyRepository repository, Vertx vertx, Clock clock) {
    this.repository = repository;
    this.vertx = vertx;
    this.clock = clock;
  }

  /** Fails with 401 when the key is missing, unknown, revoked or expired. */
  public Future<Principal> authenticate(String presented) {
    if (presented == null || presented.isEmpty()) {
      return Future.failedFuture(GatewayException.unauthorized(
          "missing gateway API key (expected: 'Authorization: Bearer <key>' or an 'x-portcullis-api-key' header)"));
    }
    String hash = KeyHasher.hash(presented);
    ApiKey known = byHash.get(hash);
    if (known != null) {
      return checked(known);
    }
    if (unknownHashes.getIfPresent(hash) != null) {
      return Future.failedFuture(unknown());
    }
    return vertx.executeBlocking(() -> repository.findByHash(hash), false).compose(found -> {
      if (found.isEmpty()) {
        unknownHashes.put(hash, Boolean.TRUE);
        return Future.failedFuture(unknown());
      }
      byHash.put(hash, found.get());
      return checked(found.get());
    });
  }

  /** Drops what is cached for a key (after a revocation), so the next call reads the store. */
  public void forget(ApiKey key) {
    byHash.remove(key.keyHash());
  }

  /** Caches a key known to be current (after creation), sparing the first call a database trip. */
  public void remember(ApiKey key) {
    byHash.put(key.keyHash(), key);
    unknownHashes.invalidate(key.keyHash());
  }

  /** Pre-loads keys at start-up. */
  public void rememberAll(Iterable<ApiKey> keys) {
    keys.forEach(this::remember);
  }

  Optional<ApiKey> cached(String hash) {
    return Optional.ofNullable(byHash.get(hash));
  }

  private Future<Principal> checked(ApiKey key) {
    if (key.revokedAt() != null) {
      return Future.failedFuture(GatewayException.unauthorized(
          "gateway API key '" + key.name() + "' was revoked at " + key.revokedAt()));
    }
    if (!key.usableAt(clock.instant())) {
      return Future.failedFuture(GatewayException.unauthorized(
          "gateway API key '" + key.name() + "' expired at " + key.expiresAt()));
    }
    return Future.succeededFuture(new Principal(key.id(), key.workspaceId(), key.name(), key.role()));
  }

  private static GatewayException unknown() {
    return GatewayException.unauthorized("gateway API key not recognised (expected: a key created with "
        + "'portcullis keys create' or POST /admin/v1/api-keys)");
  }
}
