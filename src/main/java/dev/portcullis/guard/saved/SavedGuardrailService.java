package dev.portcullis.guard.saved;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.cluster.Change;
import dev.portcullis.cluster.ChangeBus;
import dev.portcullis.error.GatewayException;
import dev.portcullis.guard.Guardrail;
import dev.portcullis.guard.HooksParser;
import dev.portcullis.observe.AuditActor;
import dev.portcullis.observe.AuditEvent;
import dev.portcullis.observe.AuditTrail;
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
 * Creates and versions saved guardrails. Every version is parsed by the same parser the request path uses, so a
 * saved guardrail always builds when it is used; every change is written with its audit entry in one transaction,
 * then announced so every node drops its cached copy. Blocking: worker threads only.
 */
public final class SavedGuardrailService {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Database database;
  private final AuditTrail audit;
  private final ChangeBus changes;
  private final Clock clock;
  private final SavedGuardrailRepository repository = new SavedGuardrailRepository();

  public SavedGuardrailService(Database database, AuditTrail audit, ChangeBus changes, Clock clock) {
    this.database = database;
    this.audit = audit;
    this.changes = changes;
    this.clock = clock;
  }

  /** Lets every node's cache of this guardrail (this one's included) forget it. */
  public void onChange(Consumer<String> forget) {
    changes.subscribe(change -> {
      if (change.kind() == Change.Kind.GUARDRAIL) {
        forget.accept(change.id());
      }
    });
  }

  /**
   * Saves a new guardrail as version 1.
   *
   * @param body {@code {"checks": [...], "deny": bool}}, validated here
   */
  public SavedGuardrail create(String name, ObjectNode body, String workspaceId, AuditActor actor) {
    String text = validated(body);
    byte[] b = new byte[6];
    RANDOM.nextBytes(b);
    Instant now = clock.instant();
    SavedGuardrail g = new SavedGuardrail("pg-" + HexFormat.of().formatHex(b), workspaceId,
        name == null || name.isBlank() ? "guardrail" : name, 1, text, now);
    return database.inTransaction("create guardrail", c -> {
      repository.insert(c, g);
      audit.append(c, actor, event(g, "create", null, g), now);
      return g;
    });
  }

  /** Stores a new version; the previous ones stay readable. */
  public SavedGuardrail update(String id, String name, ObjectNode body, String workspaceId, AuditActor actor) {
    String text = validated(body);
    Instant now = clock.instant();
    SavedGuardrail next = database.inTransaction("update guardrail '" + id + "'", c -> {
      SavedGuardrail latest = repository.find(c, id, null).filter(x -> x.workspaceId().equals(workspaceId))
          .orElseThrow(() -> notFound(id));
      SavedGuardrail version = new SavedGuardrail(id, workspaceId, name == null ? latest.name() : name,
          latest.version() + 1, text, now);
      repository.insert(c, version);
      audit.append(c, actor, event(version, "update", latest, version), now);
      return version;
    });
    changes.publish(Change.guardrail(workspaceId, id));
    return next;
  }

  /** A guardrail of the caller's workspace; another workspace's is reported as absent. */
  public Optional<SavedGuardrail> find(String id, Integer version, String workspaceId) {
    return database.read("read guardrail '" + id + "'", c -> repository.find(c, id, version))
        .filter(x -> x.workspaceId().equals(workspaceId));
  }

  public List<SavedGuardrail> list(String workspaceId) {
    return database.read("list guardrails", c -> repository.listLatest(c, workspaceId));
  }

  public List<SavedGuardrail> versions(String id, String workspaceId) {
    if (find(id, null, workspaceId).isEmpty()) {
      throw notFound(id);
    }
    return database.read("list versions of guardrail '" + id + "'", c -> repository.versions(c, id));
  }

  public void delete(String id, String workspaceId, AuditActor actor) {
    Instant now = clock.instant();
    database.inTransaction("delete guardrail '" + id + "'", c -> {
      SavedGuardrail latest = repository.find(c, id, null).filter(x -> x.workspaceId().equals(workspaceId))
          .orElseThrow(() -> notFound(id));
      repository.delete(c, id);
      audit.append(c, actor, event(latest, "delete", latest, null), now);
      return null;
    });
    changes.publish(Change.guardrail(workspaceId, id));
  }

  /** The runtime guardrail of a stored version. */
  public static Guardrail build(SavedGuardrail g) {
    JsonNode body = tree(g);
    return HooksParser.saved(g.id(), body.get("checks"), body.path("deny").asBoolean(false), "guardrail '"
        + g.id() + "'");
  }

  static GatewayException notFound(String id) {
    return GatewayException.notFound("guardrail '" + id + "' does not exist");
  }

  private static String validated(ObjectNode body) {
    JsonNode deny = body.get("deny");
    if (deny != null && !deny.isNull() && !deny.isBoolean()) {
      throw GatewayException.badRequest("deny: " + deny + " (expected: true or false)", "deny");
    }
    ObjectNode stored = JSON.createObjectNode();
    stored.set("checks", body.get("checks"));
    stored.put("deny", deny != null && deny.asBoolean());
    HooksParser.saved("new", stored.get("checks"), stored.get("deny").asBoolean(), "guardrail");
    return stored.toString();
  }

  private static AuditEvent event(SavedGuardrail subject, String verb, SavedGuardrail before, SavedGuardrail after) {
    return new AuditEvent(subject.workspaceId(), "guardrail." + verb, "guardrail", subject.id(), describe(before),
        describe(after));
  }

  private static JsonNode describe(SavedGuardrail g) {
    if (g == null) {
      return null;
    }
    ObjectNode out = JSON.createObjectNode().put("name", g.name()).put("version", g.version());
    out.set("guardrail", tree(g));
    return out;
  }

  private static JsonNode tree(SavedGuardrail g) {
    try {
      return JSON.readTree(g.body());
    } catch (IOException e) {
      throw new IllegalStateException("stored guardrail '" + g.id() + "' is not JSON", e);
    }
  }
}
