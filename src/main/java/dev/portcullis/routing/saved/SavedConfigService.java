package dev.portcullis.routing.saved;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.cluster.Change;
import dev.portcullis.cluster.ChangeBus;
import dev.portcullis.error.GatewayException;
import dev.portcullis.observe.AuditActor;
import dev.portcullis.observe.AuditEvent;
import dev.portcullis.observe.AuditTrail;
import dev.portcullis.routing.config.RoutingConfigParser;
import dev.portcullis.store.Database;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Creates and versions saved configs. Every version is validated by the same parser the request path uses, so a
 * saved config can never fail to parse when it is used; every change is written with its audit entry (credentials
 * in the config masked) in one transaction, then announced on the change bus so every node drops its cached plan.
 * Blocking: worker threads only.
 */
public final class SavedConfigService {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MASK = "****";

  private final Database database;
  private final AuditTrail audit;
  private final ChangeBus changes;
  private final Clock clock;
  private final SavedConfigRepository repository = new SavedConfigRepository();

  public SavedConfigService(Database database, AuditTrail audit, ChangeBus changes, Clock clock) {
    this.database = database;
    this.audit = audit;
    this.changes = changes;
    this.clock = clock;
  }

  /** Lets every node's cache of this config (this one's included) forget it. */
  public void onChange(Consumer<String> forget) {
    changes.subscribe(change -> {
      if (change.kind() == Change.Kind.CONFIG) {
        forget.accept(change.id());
      }
    });
  }

  public SavedConfig create(String name, String body, String workspaceId, AuditActor actor) {
    byte[] b = new byte[6];
    RANDOM.nextBytes(b);
    return create("pc-" + HexFormat.of().formatHex(b), name, body, workspaceId, actor);
  }

  /**
   * Creates a config under a chosen id (an imported one keeps its id, so that code naming it works unchanged).
   *
   * @throws GatewayException.Conflict when a config of any workspace already has the id
   */
  public SavedConfig create(String id, String name, String body, String workspaceId, AuditActor actor) {
    RoutingConfigParser.parse(body);
    Instant now = clock.instant();
    SavedConfig config = new SavedConfig(id, workspaceId, name == null || name.isBlank() ? "config" : name, 1, body,
        now);
    return database.inTransaction("create config", c -> {
      if (repository.find(c, id, null).isPresent()) {
        throw GatewayException.conflict("config '" + id + "' already exists (expected: a new id)");
      }
      repository.insert(c, config);
      audit.append(c, actor, event(config, "create", null, config), now);
      return config;
    });
  }

  /** Stores a new version; the previous ones stay readable. */
  public SavedConfig update(String id, String name, String body, String workspaceId, AuditActor actor) {
    RoutingConfigParser.parse(body);
    Instant now = clock.instant();
    SavedConfig next = database.inTransaction("update config '" + id + "'", c -> {
      SavedConfig latest = repository.find(c, id, null).filter(x -> x.workspaceId().equals(workspaceId))
          .orElseThrow(() -> notFound(id));
      SavedConfig version = new SavedConfig(id, workspaceId, name == null ? latest.name() : name,
          latest.version() + 1, body, now);
      repository.insert(c, version);
      audit.append(c, actor, event(version, "update", latest, version), now);
      return version;
    });
    changes.publish(Change.config(workspaceId, id));
    return next;
  }

  /** A config of the caller's workspace; another workspace's config is reported as absent. */
  public Optional<SavedConfig> find(String id, Integer version, String workspaceId) {
    return database.read("read config '" + id + "'", c -> repository.find(c, id, version))
        .filter(x -> x.workspaceId().equals(workspaceId));
  }

  public List<SavedConfig> list(String workspaceId) {
    return database.read("list configs", c -> repository.listLatest(c, workspaceId));
  }

  public List<SavedConfig> versions(String id, String workspaceId) {
    if (find(id, null, workspaceId).isEmpty()) {
      throw notFound(id);
    }
    return database.read("list versions of config '" + id + "'", c -> repository.versions(c, id));
  }

  public void delete(String id, String workspaceId, AuditActor actor) {
    Instant now = clock.instant();
    database.inTransaction("delete config '" + id + "'", c -> {
      SavedConfig latest = repository.find(c, id, null).filter(x -> x.workspaceId().equals(workspaceId))
          .orElseThrow(() -> notFound(id));
      repository.delete(c, id);
      audit.append(c, actor, event(latest, "delete", latest, null), now);
      return null;
    });
    changes.publish(Change.config(workspaceId, id));
  }

  static GatewayException notFound(String id) {
    return GatewayException.notFound("config '" + id + "' does not exist");
  }

  private static AuditEvent event(SavedConfig subject, String verb, SavedConfig before, SavedConfig after) {
    return new AuditEvent(subject.workspaceId(), "config." + verb, "config", subject.id(), describe(before),
        describe(after));
  }

  /** The config as the audit trail keeps it: name, version and body, with every api_key masked. */
  private static JsonNode describe(SavedConfig c) {
    if (c == null) {
      return null;
    }
    ObjectNode out = JSON.createObjectNode().put("name", c.name()).put("version", c.version());
    try {
      out.set("config", masked(JSON.readTree(c.body())));
    } catch (IOException e) {
      throw new IllegalStateException("stored config '" + c.id() + "' is not JSON", e);
    }
    return out;
  }

  private static JsonNode masked(JsonNode node) {
    if (node instanceof ObjectNode object) {
      object.fieldNames().forEachRemaining(field -> {
        if (field.equals("api_key") || field.equals("apiKey")) {
          object.put(field, MASK);
        } else {
          masked(object.get(field));
        }
      });
    } else if (node != null && node.isArray()) {
      node.forEach(SavedConfigService::masked);
    }
    return node;
  }
}
