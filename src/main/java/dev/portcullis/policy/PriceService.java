package dev.portcullis.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.cluster.Change;
import dev.portcullis.cluster.ChangeBus;
import dev.portcullis.error.GatewayException;
import dev.portcullis.observe.AuditActor;
import dev.portcullis.observe.AuditEvent;
import dev.portcullis.observe.AuditTrail;
import dev.portcullis.store.Database;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prices as a workspace sees them, and the overrides a workspace sets for itself and its descendants (the nearest
 * workspace's override wins, then the catalog). Overrides are audited and in force on every node. Blocking.
 */
public final class PriceService {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Database database;
  private final AuditTrail audit;
  private final ChangeBus changes;
  private final Clock clock;
  private final Governance governance;
  private final PriceOverrideRepository repository = new PriceOverrideRepository();

  public PriceService(Database database, AuditTrail audit, ChangeBus changes, Clock clock, Governance governance) {
    this.database = database;
    this.audit = audit;
    this.changes = changes;
    this.clock = clock;
    this.governance = governance;
  }

  static Price parse(PriceOverrideRepository.Row row) {
    try {
      return PriceCatalog.price(JSON.readTree(row.body()), row.provider(), row.model());
    } catch (IOException e) {
      throw new IllegalStateException("stored price override " + row.provider() + "/" + row.model()
          + " is not JSON", e);
    }
  }

  /** One price as JSON, with whether the workspace (or an ancestor) overrides it. */
  public static ObjectNode toJson(Price p, boolean overridden) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("provider", p.provider());
    json.put("model", p.model());
    json.put("input", p.input());
    json.put("cached_input", p.cachedInput());
    json.put("cache_write", p.cacheWrite());
    json.put("output", p.output());
    json.put("reasoning", p.reasoning());
    json.put("per_image", p.perImage());
    json.put("per_audio_second", p.perAudioSecond());
    json.put("max_output_tokens", p.maxOutputTokens());
    json.put("as_of", p.asOf() == null ? null : p.asOf().toString());
    json.put("source", p.source());
    json.put("overridden", overridden);
    return json;
  }

  /** Every price {@code workspaceId} pays, the catalog's with its and its ancestors' overrides over them. */
  public List<ObjectNode> prices(String workspaceId) {
    Map<String, ObjectNode> out = new LinkedHashMap<>();
    for (Price p : governance.catalog().all()) {
      out.put(p.provider() + "\n" + p.model(), toJson(p, false));
    }
    List<Price> overrides = new ArrayList<>(governance.snapshot().overridesSeenFrom(workspaceId));
    for (Price p : overrides.reversed()) {
      out.put(p.provider() + "\n" + p.model(), toJson(p, true));
    }
    return new ArrayList<>(out.values());
  }

  public ObjectNode put(String workspaceId, String provider, String model, JsonNode body, AuditActor actor) {
    Price price;
    try {
      if (body != null && body.isObject()) {
        ((ObjectNode) body).remove(List.of("provider", "model", "overridden"));
      }
      price = PriceCatalog.price(body, provider, model);
    } catch (IllegalArgumentException e) {
      String message = e.getMessage();
      throw GatewayException.badRequest(message, message.substring(0, Math.max(0, message.indexOf(':'))));
    }
    ObjectNode stored = toJson(price, true);
    stored.remove(List.of("provider", "model", "overridden"));
    Instant now = clock.instant();
    database.inTransaction("override price " + provider + "/" + model, c -> {
      String before = repository.put(c, new PriceOverrideRepository.Row(workspaceId, provider, model,
          stored.toString()), now);
      audit.append(c, actor, new AuditEvent(workspaceId, "price.override", "price", provider + "/" + model,
          before == null ? null : tree(before), stored), now);
      return null;
    });
    governance.reload();
    changes.publish(Change.policy(workspaceId, provider + "/" + model));
    return toJson(price, true);
  }

  public void delete(String workspaceId, String provider, String model, AuditActor actor) {
    Instant now = clock.instant();
    database.inTransaction("remove price override " + provider + "/" + model, c -> {
      String before = repository.delete(c, workspaceId, provider, model);
      if (before == null) {
        throw GatewayException.notFound("workspace '" + workspaceId + "' overrides no price of " + provider + "/"
            + model);
      }
      audit.append(c, actor, new AuditEvent(workspaceId, "price.delete", "price", provider + "/" + model,
          tree(before), null), now);
      return null;
    });
    governance.reload();
    changes.publish(Change.policy(workspaceId, provider + "/" + model));
  }

  private static JsonNode tree(String stored) {
    try {
      return JSON.readTree(stored);
    } catch (IOException e) {
      throw new IllegalStateException("stored price override is not JSON", e);
    }
  }
}
