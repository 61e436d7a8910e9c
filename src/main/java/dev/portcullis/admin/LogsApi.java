package dev.portcullis.admin;

import dev.portcullis.error.GatewayException;
import dev.portcullis.observe.RequestLogQuery;
import dev.portcullis.observe.RequestLogRepository;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Collection;
import java.util.function.Function;

/**
 * {@code GET /admin/v1/logs}: lists request log rows, newest first, filtered by {@code from}, {@code to} (ISO-8601
 * instants or epoch milliseconds; from inclusive, to exclusive), {@code model}, {@code provider}, {@code status},
 * {@code api_key_id} and {@code metadata.<key>=<value>}, {@code limit} rows (default 50, at most 1000) at a time,
 * continuing from {@code cursor}. Mount it behind authentication: when the context holds a {@code workspaceId} (the
 * caller's, or the {@code workspace_id} it asked for within its reach), the rows of that workspace and of every
 * workspace below it are listed, each naming its workspace. Bad parameters fail the context with a
 * {@link GatewayException} (400).
 */
public final class LogsApi implements Handler<RoutingContext> {

  /** The routing context key under which authentication leaves the workspace the call is about. */
  private static final String WORKSPACE_ID = "workspaceId";

  private final RequestLogRepository repository;
  private final Function<String, Collection<String>> subtree;

  /**
   * @param subtree a workspace's id and its descendants' (deleted ones included: their rows stay history). Blocking.
   */
  public LogsApi(RequestLogRepository repository, Function<String, Collection<String>> subtree) {
    this.repository = repository;
    this.subtree = subtree;
  }

  @Override
  public void handle(RoutingContext ctx) {
    RequestLogQuery.Builder query;
    try {
      query = LogsQueryParser.parse(ctx.queryParams());
    } catch (GatewayException e) {
      ctx.fail(e);
      return;
    }
    String workspace = ctx.get(WORKSPACE_ID);
    ctx.vertx()
        .executeBlocking(() -> {
          if (workspace != null) {
            query.workspaceIds(subtree.apply(workspace));
          }
          return LogsPageEncoder.encode(repository.find(query.build()));
        }, false)
        .onSuccess(body -> ctx.response().putHeader("content-type", "application/json").end(body))
        .onFailure(ctx::fail);
  }

  /**
   * {@code GET /admin/v1/logs/{id}}: one row as the list shows it, plus {@code request_body} and
   * {@code response_body} where a policy rule kept them (redacted as stored); a row outside the caller's reach is
   * answered 404, as one that does not exist.
   */
  void detail(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    String workspace = ctx.get(WORKSPACE_ID);
    ctx.vertx()
        .executeBlocking(() -> repository.findOne(id, subtree.apply(workspace))
            .map(LogsPageEncoder::encode)
            .orElseThrow(() -> GatewayException.notFound("request log row '" + id + "' does not exist")), false)
        .onSuccess(body -> ctx.response().putHeader("content-type", "application/json").end(body))
        .onFailure(ctx::fail);
  }
}
