package dev.portcullis.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.cache.CacheStats;
import dev.portcullis.cache.ResponseCache;
import dev.portcullis.error.GatewayException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * {@code GET /admin/v1/cache}: what the response cache holds and did, per workspace: the caller's (or the
 * {@code workspace_id} it names in its reach) and every one below it. {@code DELETE /admin/v1/cache}: removes the
 * stored answers of those workspaces, of one {@code namespace} or all, on every node.
 */
public final class CacheApi {

  private final ResponseCache cache;
  private final Function<String, Collection<String>> subtree;

  /**
   * @param subtree a workspace's id and its descendants'. Blocking.
   */
  public CacheApi(ResponseCache cache, Function<String, Collection<String>> subtree) {
    this.cache = cache;
    this.subtree = subtree;
  }

  void mount(Router router) {
    router.get("/admin/v1/cache").handler(this::stats);
    router.delete("/admin/v1/cache").handler(this::purge);
  }

  private void stats(RoutingContext ctx) {
    String workspace = AdminAccess.workspace(ctx);
    ctx.vertx().executeBlocking(() -> subtree.apply(workspace), false)
        .compose(cache::stats)
        .onSuccess(stats -> AdminJson.send(ctx, 200, AdminJson.list(stats.stream().map(CacheApi::describe).toList())))
        .onFailure(ctx::fail);
  }

  private void purge(RoutingContext ctx) {
    String workspace = AdminAccess.workspace(ctx);
    String namespace = ctx.request().getParam("namespace");
    if (namespace != null && namespace.isEmpty()) {
      ctx.fail(GatewayException.badRequest("namespace is empty (expected: a namespace, or no namespace parameter to "
          + "purge every namespace)", "namespace"));
      return;
    }
    ctx.vertx().executeBlocking(() -> List.copyOf(subtree.apply(workspace)), false)
        .compose(ids -> cache.purge(ids, namespace).map(purged -> {
          ObjectNode json = AdminJson.MAPPER.createObjectNode();
          json.put("purged", purged);
          ids.forEach(json.putArray("workspace_ids")::add);
          json.put("namespace", namespace);
          return json;
        }))
        .onSuccess(json -> AdminJson.send(ctx, 200, json))
        .onFailure(ctx::fail);
  }

  private static ObjectNode describe(CacheStats s) {
    ObjectNode json = AdminJson.MAPPER.createObjectNode();
    json.put("workspace_id", s.workspaceId());
    json.put("entries", s.entries());
    json.put("bytes", s.bytes());
    json.put("hits", s.hits());
    json.put("semantic_hits", s.semanticHits());
    json.put("misses", s.misses());
    json.putNull("saved_usd");
    return json;
  }
}
