package dev.portcullis.admin;

import dev.portcullis.error.GatewayException;
import dev.portcullis.observe.RequestLogQuery;
import dev.portcullis.observe.RequestLogRepository;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /admin/v1/logs/export?format=jsonl|csv}: every log row the filters of {@code GET /admin/v1/logs} match,
 * oldest first, streamed. A thread of its own reads the rows through a database cursor and writes them in chunks of
 * about 64 KiB; when the response's write queue is full it waits until the client has taken the last chunk, so a
 * slow client slows the read instead of filling memory. A client that takes nothing for {@value #STALL_MINUTES}
 * minutes, or a read that fails midway, ends with the connection reset (never a file that looks complete).
 */
public final class LogsExportApi implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(LogsExportApi.class);

  private static final String WORKSPACE_ID = "workspaceId";

  private static final int CHUNK_BYTES = 64 * 1024;

  private static final long STALL_MINUTES = 5;

  private final RequestLogRepository repository;
  private final Function<String, Collection<String>> subtree;

  /** @param subtree a workspace's id and its descendants' (deleted ones included). Blocking. */
  public LogsExportApi(RequestLogRepository repository, Function<String, Collection<String>> subtree) {
    this.repository = repository;
    this.subtree = subtree;
  }

  @Override
  public void handle(RoutingContext ctx) {
    RequestLogQuery.Builder filters;
    LogExport.Format format;
    try {
      filters = LogsQueryParser.parseFilters(ctx.queryParams(), List.of("format"));
      format = LogExport.Format.parse(ctx.queryParams().get("format"));
    } catch (GatewayException e) {
      ctx.fail(e);
      return;
    }
    boolean csv = format == LogExport.Format.CSV;
    String workspace = ctx.get(WORKSPACE_ID);
    HttpServerResponse response = ctx.response().setChunked(true)
        .putHeader("content-type", csv ? "text/csv; charset=utf-8" : "application/x-ndjson")
        .putHeader("content-disposition", "attachment; filename=\"request-logs." + (csv ? "csv" : "jsonl") + "\"");
    Thread.ofPlatform().name("request-log-export").daemon(true).start(() -> {
      try {
        if (workspace != null) {
          filters.workspaceIds(subtree.apply(workspace));
        }
        Chunks chunks = new Chunks(response);
        LogExport.write(repository, filters.build(), format, chunks);
        chunks.flush();
        response.end();
      } catch (Exception e) {
        LOG.warn("request log export stopped: {}", e.toString());
        response.reset();
      }
    });
  }

  /**
   * Collects bytes into chunks of about {@value #CHUNK_BYTES} and writes each, waiting while the response's write
   * queue is full.
   */
  private static final class Chunks extends OutputStream {
    private final HttpServerResponse response;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream(CHUNK_BYTES + 4096);

    Chunks(HttpServerResponse response) {
      this.response = response;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      pending.write(bytes, offset, length);
      if (pending.size() >= CHUNK_BYTES) {
        flush();
      }
    }

    @Override
    public void flush() throws IOException {
      if (pending.size() == 0) {
        return;
      }
      Future<Void> written = response.write(Buffer.buffer(pending.toByteArray()));
      pending.reset();
      if (response.writeQueueFull()) {
        try {
          written.await(STALL_MINUTES, TimeUnit.MINUTES);
        } catch (Exception e) {
          throw new IOException("the client stopped taking the export: " + e.getMessage(), e);
        }
      } else if (written.failed()) {
        throw new IOException("the client went away: " + written.cause().getMessage());
      }
    }
  }
}
