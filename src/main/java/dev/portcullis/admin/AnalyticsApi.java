package dev.portcullis.admin;

import dev.portcullis.error.GatewayException;
import dev.portcullis.observe.RequestLogQuery;
import dev.portcullis.observe.analytics.Analytics;
import dev.portcullis.observe.analytics.GroupBy;
import dev.portcullis.observe.analytics.Summary;
import dev.portcullis.observe.analytics.TimeBucket;
import dev.portcullis.time.GatewayClock;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * {@code GET /admin/v1/analytics/summary}, {@code /timeseries} ({@code ?bucket=minute|hour|day}, default hour) and
 * {@code /groups} ({@code ?group_by=}): summaries of the request log, with the filters of {@code GET /admin/v1/logs}
 * and the same workspace reach (the workspace the call is about and every workspace below it). Without
 * {@code from}/{@code to}, the last 24 hours.
 */
public final class AnalyticsApi {

  private static final String WORKSPACE_ID = "workspaceId";

  private final Analytics analytics;
  private final Function<String, Collection<String>> subtree;
  private final GatewayClock clock;

  /** @param subtree a workspace's id and its descendants' (deleted ones included). Blocking. */
  public AnalyticsApi(Analytics analytics, Function<String, Collection<String>> subtree, GatewayClock clock) {
    this.analytics = analytics;
    this.subtree = subtree;
    this.clock = clock;
  }

  void mount(Router router) {
    router.get("/admin/v1/analytics/summary").handler(ctx -> answer(ctx, List.of(), query ->
        () -> summary(analytics.summary(query))));
    router.get("/admin/v1/analytics/timeseries").handler(ctx -> {
      String given = ctx.queryParams().get("bucket");
      TimeBucket bucket;
      try {
        bucket = given == null || given.isEmpty() ? TimeBucket.HOUR : TimeBucket.parse(given);
      } catch (IllegalArgumentException e) {
        ctx.fail(GatewayException.badRequest(e.getMessage(), "bucket"));
        return;
      }
      answer(ctx, List.of("bucket"), query -> () -> {
        JsonArray data = new JsonArray();
        analytics.timeseries(query, bucket).forEach(p -> data.add(summary(p.summary())
            .put("start", p.start().toString())));
        return new JsonObject().put("bucket", bucket.label()).put("data", data);
      });
    });
    router.get("/admin/v1/analytics/groups").handler(ctx -> {
      String given = ctx.queryParams().get("group_by");
      GroupBy groupBy;
      try {
        if (given == null || given.isEmpty()) {
          throw new IllegalArgumentException("group_by: missing (expected: one of model, provider, api_key, "
              + "virtual_key, workspace, user, prompt, prompt_version, metadata.<key>)");
        }
        groupBy = GroupBy.parse(given);
      } catch (IllegalArgumentException e) {
        ctx.fail(GatewayException.badRequest(e.getMessage(), "group_by"));
        return;
      }
      answer(ctx, List.of("group_by"), query -> () -> {
        JsonArray data = new JsonArray();
        analytics.groups(query, groupBy).forEach(g -> data.add(summary(g.summary()).put("value", g.value())));
        return new JsonObject().put("group_by", groupBy.label()).put("data", data);
      });
    });
  }

  /** Parses the filters, then runs the read on a worker thread and answers its JSON. */
  private void answer(RoutingContext ctx, List<String> own, Function<RequestLogQuery, Callable<Object>> read) {
    RequestLogQuery.Builder filters;
    try {
      filters = LogsQueryParser.parseFilters(ctx.queryParams(), own);
    } catch (GatewayException e) {
      ctx.fail(e);
      return;
    }
    String workspace = ctx.get(WORKSPACE_ID);
    ctx.vertx()
        .executeBlocking(() -> {
          if (workspace != null) {
            filters.workspaceIds(subtree.apply(workspace));
          }
          return read.apply(Analytics.window(filters.build(), clock.instant())).call();
        }, false)
        .onSuccess(body -> ctx.response().putHeader("content-type", "application/json").end(body.toString()))
        .onFailure(ctx::fail);
  }

  /** The summary fields, named as every analytics answer names them. */
  static JsonObject summary(Summary s) {
    return new JsonObject()
        .put("requests", s.requests())
        .put("errors", s.errors())
        .put("error_rate", s.errorRate())
        .put("latency_ms", new JsonObject().put("p50", s.latencyP50()).put("p90", s.latencyP90())
            .put("p99", s.latencyP99()))
        .put("ttft_ms", new JsonObject().put("p50", s.ttftP50()).put("p99", s.ttftP99()))
        .put("input_tokens", s.inputTokens())
        .put("output_tokens", s.outputTokens())
        .put("cost_usd", s.costUsd())
        .put("cache_hit_rate", s.cacheHitRate())
        .put("cache_saved_usd", s.cacheSavedUsd());
  }
}
