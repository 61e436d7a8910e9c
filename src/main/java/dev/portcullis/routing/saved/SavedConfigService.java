package dev.portcullis.routing.saved;

import dev.portcullis.error.GatewayException;
import dev.portcullis.routing.config.RoutingConfigParser;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Creates and versions saved configs. Every version is validated by the same parser the request path uses, so a
 * saved config can never fail to parse when it is used. Blocking: worker threads only.
 */
public final class SavedConfigService {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final SavedConfigRepository repository;
  private final Clock clock;

  public SavedConfigService(SavedConfigRepository repository, Clock clock) {
    this.repository = repository;
    this.clock = clock;
  }

  public SavedConfig create(String name, String body, String workspaceId) {
    RoutingConfigParser.parse(body);
    byte[] b = new byte[6];
    RANDOM.nextBytes(b);
    SavedConfig c = new SavedConfig("pc-" + HexFormat.of().formatHex(b), workspaceId,
        name == null || name.isBlank() ? "config" : name, 1, body, clock.instant());
    repository.insert(c);
    return c;
  }

  /** Stores a new version; the previous ones stay readable. */
  public SavedConfig update(String id, String name, String body, String workspaceId) {
    SavedConfig latest = find(id, null, workspaceId).orElseThrow(() -> notFound(id));
    RoutingConfigParser.parse(body);
    SavedConfig next = new SavedConfig(id, workspaceId, name == null ? latest.name() : name, latest.version() + 1,
        body, clock.instant());
    repository.insert(next);
    return next;
  }

  /** A config of the caller's workspace; another workspace's config is reported as absent. */
  public Optional<SavedConfig> find(String id, Integer version, String workspaceId) {
    return repository.find(id, version).filter(c -> c.workspaceId().equals(workspaceId));
  }

  public List<SavedConfig> list(String workspaceId) {
    return repository.listLatest(workspaceId);
  }

  public List<SavedConfig> versions(String id, String workspaceId) {
    find(id, null, workspaceId).orElseThrow(() -> notFound(id));
    return repository.versions(id);
  }

  public void delete(String id, String workspaceId) {
    find(id, null, workspaceId).orElseThrow(() -> notFound(id));
    repository.delete(id);
  }

  static GatewayException notFound(String id) {
    return GatewayException.notFound("config '" + id + "' does not exist");
  }
}
