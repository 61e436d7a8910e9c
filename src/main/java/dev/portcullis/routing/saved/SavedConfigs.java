package dev.portcullis.routing.saved;

import dev.portcullis.error.GatewayException;
import dev.portcullis.routing.config.RoutingConfigParser;
import dev.portcullis.routing.config.RoutingPlan;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Saved configs as the request path sees them: parsed plans served from memory, read from the store on first use
 * (on a worker thread) and forgotten when the config changes on any node.
 */
public final class SavedConfigs {

  private record Entry(String workspaceId, RoutingPlan plan) {}

  private final SavedConfigService service;
  private final Vertx vertx;
  private final Map<String, Entry> byId = new ConcurrentHashMap<>();

  public SavedConfigs(SavedConfigService service, Vertx vertx) {
    this.service = service;
    this.vertx = vertx;
    service.onChange(this::forget);
  }

  /** The newest version's plan, if the config belongs to the caller's workspace. */
  public Future<RoutingPlan> plan(String id, String workspaceId, String header) {
    Entry cached = byId.get(id);
    if (cached != null) {
      return checked(cached, id, workspaceId, header);
    }
    return vertx.executeBlocking(() -> service.find(id, null, workspaceId), false).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(unknown(id, header));
      }
      Entry entry = new Entry(found.get().workspaceId(), RoutingConfigParser.parse(found.get().body()));
      byId.put(id, entry);
      return checked(entry, id, workspaceId, header);
    });
  }

  public void forget(String id) {
    byId.remove(id);
  }

  private static Future<RoutingPlan> checked(Entry e, String id, String workspaceId, String header) {
    return e.workspaceId().equals(workspaceId) ? Future.succeededFuture(e.plan())
        : Future.failedFuture(unknown(id, header));
  }

  private static GatewayException unknown(String id, String header) {
    return GatewayException.badRequest(header + ": saved config '" + id + "' does not exist (expected: inline "
        + "config JSON, or the id of a config created with POST /admin/v1/configs)", header);
  }
}
