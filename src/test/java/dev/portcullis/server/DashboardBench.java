package dev.portcullis.server;

import dev.portcullis.bench.LogAnalyticsBench;
import dev.portcullis.store.Database;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * How long each dashboard page takes over a large request log: fills a SQLite database with LogAnalyticsBench's
 * generated rows (1,000,000 by default, a day ending 2026-12-07), moves them into the default workspace (so the
 * bootstrap admin key reaches them), starts a gateway on that database, signs in, and times every page as a browser
 * on the same machine sees it (wall time of the HTTP exchange over loopback, so an upper bound of the server time).
 *
 * <p>Run: {@code mvnj -o -q test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt} then {@code java -cp
 * target/test-classes:target/classes:$(cat cp.txt) dev.portcullis.server.DashboardBench /tmp/dash.db [rows]}.
 */
public final class DashboardBench {

  private DashboardBench() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    String url = "jdbc:sqlite:" + file;
    LogAnalyticsBench.main(new String[] {url, args.length > 1 ? args[1] : "1000000"});
    try (Database database = Database.open(url); Connection c = database.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE request_logs SET workspace_id = 'default' WHERE workspace_id <> 'default'");
      s.executeUpdate("UPDATE request_log_rollups SET workspace_id = 'default' WHERE workspace_id <> 'default'");
    }
    Path dataDir = Files.createTempDirectory("dashboard-bench");
    try (GatewayHarness h = new GatewayHarness(dataDir, Map.of("PORTCULLIS_DATABASE_URL", url))) {
      DashboardSession session = DashboardSession.signIn(h, GatewayHarness.ADMIN_KEY);
      String row = h.admin(h.get("/admin/v1/logs?limit=1")).body().replaceAll("(?s).*?\"id\":\"([^\"]+)\".*", "$1");
      for (String page : List.of("/dashboard?period=24h", "/dashboard?period=7d",
          "/dashboard?period=7d&metadata_key=team", "/dashboard?period=30d", "/dashboard/logs",
          "/dashboard/logs?model=claude-haiku", "/dashboard/logs?status=502", "/dashboard/logs?metadata=team%3Dads",
          "/dashboard/logs?api_key_id=key-7&from=2026-12-06T10:00&to=2026-12-06T12:00", "/dashboard/logs/" + row,
          "/dashboard/keys", "/dashboard/configs", "/dashboard/policies", "/dashboard/alerts", "/dashboard/audit")) {
        time(h, session, page);
      }
    }
  }

  private static void time(GatewayHarness h, DashboardSession session, String page) {
    long[] millis = new long[7];
    int status = 0;
    for (int i = -2; i < millis.length; i++) {
      long started = System.nanoTime();
      HttpResponse<String> answer;
      try {
        answer = session.get(h, page);
      } catch (IllegalStateException e) {
        System.out.printf("%-80s %s%n", page, e.getMessage());
        return;
      }
      status = answer.statusCode();
      if (i >= 0) {
        millis[i] = (System.nanoTime() - started) / 1_000_000;
      }
    }
    Arrays.sort(millis);
    System.out.printf("%-80s HTTP %d  median %4d ms, max %4d ms%n", page, status, millis[3], millis[6]);
  }
}
