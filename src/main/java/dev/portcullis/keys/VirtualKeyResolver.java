package dev.portcullis.keys;

import dev.portcullis.cluster.Change;
import dev.portcullis.error.GatewayException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;

/**
 * Serves virtual keys to the request path from memory, looked up in the caller's workspace only; the first use of a
 * slug reads and decrypts it on a worker thread, and a change notification drops it. A key of another workspace is
 * answered exactly like one that does not exist.
 */
public final class VirtualKeyResolver {

  private final StoredObjectCache<String, ResolvedVirtualKey> byWorkspaceAndSlug;

  VirtualKeyResolver(TenancyStore store, VirtualKeyService service, Vertx vertx) {
    this.byWorkspaceAndSlug = new StoredObjectCache<>(vertx, store.clock, key -> {
      int split = key.indexOf('\n');
      return service.resolve(key.substring(0, split), key.substring(split + 1));
    }, Authenticator.REFRESH_AFTER, Duration.ofSeconds(2));
    store.changes.subscribe(change -> {
      if (change.kind() == Change.Kind.VIRTUAL_KEY) {
        byWorkspaceAndSlug.invalidate(vk -> change.touches(Change.Kind.VIRTUAL_KEY, vk.key().workspaceId(),
            vk.key().slug()));
      }
    });
  }

  public Future<ResolvedVirtualKey> resolve(String slug, Principal caller) {
    return byWorkspaceAndSlug.get(caller.workspaceId() + "\n" + slug).compose(found -> {
      if (found == null) {
        return Future.failedFuture(GatewayException.notFound("virtual key '" + slug + "' does not exist in this "
            + "workspace (expected: a slug created with 'portcullis virtual-keys create' or POST /admin/v1/virtual-keys)"));
      }
      if (!found.key().enabled()) {
        return Future.failedFuture(GatewayException.forbidden("virtual key '" + slug + "' is disabled (expected: an "
            + "enabled key; enable it with PATCH /admin/v1/virtual-keys/" + slug + ")"));
      }
      return Future.succeededFuture(found);
    });
  }
}
