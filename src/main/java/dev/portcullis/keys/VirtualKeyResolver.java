package dev.portcullis.keys;

import dev.portcullis.error.GatewayException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves virtual keys to the request path from memory; the first use of a slug reads and decrypts it on a worker
 * thread. A key that does not exist, is disabled or belongs to another workspace is refused the same way.
 */
public final class VirtualKeyResolver {

  private final VirtualKeyService service;
  private final Vertx vertx;
  private final Map<String, ResolvedVirtualKey> bySlug = new ConcurrentHashMap<>();

  public VirtualKeyResolver(VirtualKeyService service, Vertx vertx) {
    this.service = service;
    this.vertx = vertx;
  }

  public Future<ResolvedVirtualKey> resolve(String slug, Principal caller) {
    ResolvedVirtualKey cached = bySlug.get(slug);
    if (cached != null) {
      return checked(slug, cached, caller);
    }
    return vertx.executeBlocking(() -> service.resolve(slug), false).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(unknown(slug));
      }
      bySlug.put(slug, found.get());
      return checked(slug, found.get(), caller);
    });
  }

  /** Drops a cached key after it changed or was deleted. */
  public void forget(String slug) {
    bySlug.remove(slug);
  }

  private static Future<ResolvedVirtualKey> checked(String slug, ResolvedVirtualKey key, Principal caller) {
    if (!key.key().enabled() || !key.key().workspaceId().equals(caller.workspaceId())) {
      return Future.failedFuture(unknown(slug));
    }
    return Future.succeededFuture(key);
  }

  private static GatewayException unknown(String slug) {
    return GatewayException.badRequest("virtual key '" + slug
        + "' does not exist in this workspace (expected: a slug created with 'portcullis virtual-keys create' "
        + "or POST /admin/v1/virtual-keys)", "model");
  }
}
