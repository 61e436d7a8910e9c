package dev.portcullis.guard.saved;

import dev.portcullis.error.GatewayException;
import dev.portcullis.guard.Guardrail;
import dev.portcullis.guard.GuardrailSource;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Saved guardrails as the request path sees them: built guardrails served from memory, read from the store on
 * first use (on a worker thread) and forgotten when the guardrail changes on any node.
 */
public final class SavedGuardrails implements GuardrailSource {

  private record Entry(String workspaceId, Guardrail guardrail) {}

  private final SavedGuardrailService service;
  private final Vertx vertx;
  private final Map<String, Entry> byId = new ConcurrentHashMap<>();

  public SavedGuardrails(SavedGuardrailService service, Vertx vertx) {
    this.service = service;
    this.vertx = vertx;
    service.onChange(byId::remove);
  }

  @Override
  public Future<Guardrail> find(String workspaceId, String id) {
    Entry cached = byId.get(id);
    if (cached != null) {
      return checked(cached, id, workspaceId);
    }
    return vertx.executeBlocking(() -> service.find(id, null, workspaceId), false).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(unknown(id));
      }
      Entry entry = new Entry(found.get().workspaceId(), SavedGuardrailService.build(found.get()));
      byId.put(id, entry);
      return checked(entry, id, workspaceId);
    });
  }

  private static Future<Guardrail> checked(Entry e, String id, String workspaceId) {
    return e.workspaceId().equals(workspaceId) ? Future.succeededFuture(e.guardrail())
        : Future.failedFuture(unknown(id));
  }

  private static GatewayException unknown(String id) {
    return GatewayException.badRequest("guardrail '" + id + "' does not exist (expected: an inline guardrail, or the"
        + " id of one created with POST /admin/v1/guardrails)", "x-portkey-config");
  }
}
