package dev.portcullis.bench;

import dev.portcullis.admin.LogsExportApi;
import dev.portcullis.observe.RequestLogRepository;
import dev.portcullis.store.Database;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether exporting a large log keeps memory flat: serves {@code GET /admin/v1/logs/export} over a database that
 * already holds rows (fill one with {@link LogAnalyticsBench}), downloads it while sampling the heap every 50 ms, and
 * prints rows, bytes, time and the highest heap use seen. Run it with a small heap ({@code -Xmx64m}): the export of
 * 1,000,000 rows is about 700 MB of JSON Lines, so finishing at all shows nothing is held whole.
 *
 * <p>Run: {@code java -Xmx64m -cp target/test-classes:target/classes:$(cat cp.txt)
 * dev.portcullis.bench.LogExportBench jdbc:sqlite:/tmp/bench.db jsonl}.
 */
public final class LogExportBench {

  private LogExportBench() {}

  public static void main(String[] args) throws Exception {
    String format = args.length > 1 ? args[1] : "jsonl";
    Vertx vertx = Vertx.vertx();
    try (Database database = Database.open(args[0])) {
      Router router = Router.router(vertx);
      router.get("/export").handler(new LogsExportApi(new RequestLogRepository(database), List::of));
      HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0).await();
      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      AtomicLong peak = new AtomicLong();
      Thread sampler = Thread.ofPlatform().daemon(true).start(() -> {
        while (!Thread.currentThread().isInterrupted()) {
          peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
          try {
            Thread.sleep(50);
          } catch (InterruptedException e) {
            return;
          }
        }
      });
      long started = System.nanoTime();
      HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + server.actualPort() + "/export?format=" + format)).build(),
          HttpResponse.BodyHandlers.ofInputStream());
      long bytes = 0;
      long lines = 0;
      byte[] buffer = new byte[64 * 1024];
      try (InputStream body = response.body()) {
        int n;
        while ((n = body.read(buffer)) > 0) {
          bytes += n;
          for (int i = 0; i < n; i++) {
            if (buffer[i] == '\n') {
              lines++;
            }
          }
        }
      }
      sampler.interrupt();
      System.out.printf("exported %,d lines, %,d bytes (%s) in %.1f s; heap max %d MiB, highest use seen %d MiB%n",
          lines, bytes, format, (System.nanoTime() - started) / 1e9, memory.getHeapMemoryUsage().getMax() >> 20,
          peak.get() >> 20);
    } finally {
      vertx.close().await();
    }
  }
}
