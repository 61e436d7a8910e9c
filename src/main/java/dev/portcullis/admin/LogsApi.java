package dev.portcullis.admin;

import dev.portcullis.error.GatewayException;
import dev.portcullis.observe.RequestLogQuery;
import dev.portcullis.observe.RequestLogRepository;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /admin/v1/logs}: lists request log rows, newest first, filtered by {@code from}, {@code to} (ISO-8601
 * instants or epoch milliseconds; from inclusive, to exclusive), {@code model}, {@code provider}, {@code status},
 * {@code api_key_id} and {@code metadata.<key>=<value>}, {@code limit} rows (default 50, at most 1000) at a time,
 * continuing from {@code cursor}. Mount it behind authentication; when the context holds a {@code workspaceId}, only
 * that workspace's rows are listed. Bad parameters fail the context with a {@link GatewayException} (400).
 */
public final class LogsApi implements Handler<RoutingContext> {

  /** The routing context key under which authentication leaves the caller's workspace id. */
  private static final String WORKSPACE_ID = "workspaceId";

  private final RequestLogRepository repository;

  public LogsApi(RequestLogRepository repository) {
    this.repository = repository;
  }

  @Override
  public void handle(RoutingContext ctx) {
    RequestLogQuery query;
    try {
      query = LogsQueryParser.parse(ctx.queryParams(), ctx.get(WORKSPACE_ID));
    } catch (GatewayException e) {
      ctx.fail(e);
      return;
    }
    ctx.vertx()
        .executeBlocking(() -> LogsPageEncoder.encode(repository.find(query)), false)
        .onSuccess(body -> ctx.response().putHeader("content-type", "application/json").end(body))
        .onFailure(ctx::fail);
  }
}
