package dev.portcullis.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.cache.CacheStats;
import dev.portcullis.cache.ResponseCache;
import dev.portcullis.error.GatewayException;
import dev.portcullis.keys.AuditService;
import dev.portcullis.observe.AuditActor;
import dev.portcullis.observe.AuditEvent;
import dev.portcullis.observe.RequestLogQuery;
import dev.portcullis.observe.analytics.Analytics;
import dev.portcullis.observe.analytics.GroupBy;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code GET /admin/v1/cache}: what the response cache holds and did, per workspace: the caller's (or the
 * {@code workspace_id} it names in its reach) and every one below it. {@code DELETE /admin/v1/cache}: removes the
 * stored answers of those workspaces, of one {@code namespace} or all, on every node.
 */
public final class CacheApi {

  private final ResponseCache cache;
  private final Function<String, Collection<String>> subtree;
  private final AuditService audit;
  private final Analytics analytics;
  private final Clock clock;

  /**
   * @param subtree a workspace's id and its descendants'. Blocking.
   * @param audit where each purge is recorded
   * @param analytics where the saved cost is read: the cache hits on the request log, as long as it keeps them
   */
  public CacheApi(ResponseCache cache, Function<String, Collection<String>> subtree, AuditService audit,
      Analytics analytics, Clock clock) {
    this.cache = cache;
    this.subtree = subtree;
    this.audit = audit;
    this.analytics = analytics;
    this.clock = clock;
  }

  void mount(Router router) {
    router.get("/admin/v1/cache").handler(this::stats);
    router.delete("/admin/v1/cache").handler(this::purge);
  }

  private void stats(RoutingContext ctx) {
    String workspace = AdminAccess.workspace(ctx);
    ctx.vertx().executeBlocking(() -> subtree.apply(workspace), false)
        .compose(ids -> cache.stats(ids).compose(stats -> ctx.vertx().executeBlocking(() -> {
          Map<String, Double> saved = savedUsd(ids);
          return stats.stream().map(s -> describe(s, saved.getOrDefault(s.workspaceId(), 0.0))).toList();
        }, false)))
        .onSuccess(rows -> AdminJson.send(ctx, 200, AdminJson.list(rows)))
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
    AuditActor actor = AdminAccess.actor(ctx);
    ctx.vertx().executeBlocking(() -> List.copyOf(subtree.apply(workspace)), false)
        .compose(ids -> cache.purge(ids, namespace).map(purged -> {
          ObjectNode json = AdminJson.MAPPER.createObjectNode();
          json.put("purged", purged);
          ids.forEach(json.putArray("workspace_ids")::add);
          json.put("namespace", namespace);
          return json;
        }))
        .compose(json -> ctx.vertx().executeBlocking(() -> {
          audit.record(actor, new AuditEvent(workspace, "cache.purge", "cache",
              namespace == null ? workspace : workspace + "/" + namespace, null, json));
          return json;
        }, false))
        .onSuccess(json -> AdminJson.send(ctx, 200, json))
        .onFailure(ctx::fail);
  }

  /** What the cache hits of each workspace saved, by the request log's rows (all it keeps). Blocking. */
  private Map<String, Double> savedUsd(Collection<String> workspaceIds) {
    // the end is exclusive: a row started this very millisecond counts too
    RequestLogQuery all = new RequestLogQuery(Instant.EPOCH, clock.instant().plusMillis(1), null, null, null, null, Map.of(),
        Set.copyOf(workspaceIds), RequestLogQuery.DEFAULT_LIMIT, null);
    Map<String, Double> out = new HashMap<>();
    for (Analytics.Group g : analytics.groups(all, GroupBy.parse("workspace"))) {
      out.put(g.value(), g.summary().cacheSavedUsd());
    }
    return out;
  }

  private static ObjectNode describe(CacheStats s, double savedUsd) {
    ObjectNode json = AdminJson.MAPPER.createObjectNode();
    json.put("workspace_id", s.workspaceId());
    json.put("entries", s.entries());
    json.put("bytes", s.bytes());
    json.put("hits", s.hits());
    json.put("semantic_hits", s.semanticHits());
    json.put("misses", s.misses());
    json.put("saved_usd", savedUsd);
    return json;
  }
}
