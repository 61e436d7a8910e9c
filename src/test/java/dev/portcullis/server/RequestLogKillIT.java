package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.mock.MockUpstream;
import dev.portcullis.mock.MockUpstreamOptions;
import dev.portcullis.testing.GatewayProcess;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway killed with SIGKILL loses only the request-log rows of calls that ended within the writer's flush
 * interval (50 ms, docs/request-log.md) before the kill: every call answered earlier than that is on the log.
 */
class RequestLogKillIT {

  private static final String ADMIN_KEY = "pcl-test-admin-key-0123456789";
  /** The documented bound plus room for a loaded machine to schedule the writer. */
  private static final long BOUND_MILLIS = 50 + 100;

  @TempDir Path dir;

  @Test
  void killMinusNineLosesOnlyTheRowsOfTheLastFlushInterval() throws Exception {
    Vertx vertx = Vertx.vertx();
    MockUpstream mock = MockUpstream.start(vertx, MockUpstreamOptions.defaults()).await();
    GatewayProcess gateway = GatewayProcess.start(dir, Map.of("PORTCULLIS_DATA_DIR", dir.resolve("data").toString(),
        "PORTCULLIS_ADMIN_KEY", ADMIN_KEY, "PORTCULLIS_PROVIDER_OPENAI_API_KEY", "sk-test",
        "PORTCULLIS_PROVIDER_OPENAI_BASE_URL", mock.baseUrl(), "PORTCULLIS_TRUSTED_HOSTS", "127.0.0.1"));
    try (HttpClient client = HttpClient.newHttpClient()) {
      List<long[]> answered = new ArrayList<>();
      long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500);
      for (int i = 0; System.nanoTime() < until || answered.size() < 30; i++) {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(gateway.url("/v1/chat/completions")))
            .header("authorization", "Bearer " + ADMIN_KEY).header("content-type", "application/json")
            .header("x-portcullis-trace-id", "kill-" + i)
            .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"openai/gpt-4o\",\"messages\":[]}"))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        answered.add(new long[] {i, System.nanoTime()});
      }
      long killedAt = System.nanoTime();
      gateway.kill();

      Set<String> logged = loggedTraceIds();
      List<String> lostBeforeTheBound = new ArrayList<>();
      for (long[] call : answered) {
        boolean early = killedAt - call[1] > TimeUnit.MILLISECONDS.toNanos(BOUND_MILLIS);
        if (early && !logged.contains("kill-" + call[0])) {
          lostBeforeTheBound.add("kill-" + call[0]);
        }
      }
      assertThat(answered).hasSizeGreaterThan(20);
      assertThat(lostBeforeTheBound).as("calls answered more than %d ms before the kill", BOUND_MILLIS).isEmpty();
    } finally {
      gateway.close();
      mock.close().await();
      vertx.close().await();
    }
  }

  private Set<String> loggedTraceIds() throws Exception {
    Set<String> ids = new HashSet<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/portcullis.db"));
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT trace_id FROM request_logs")) {
      while (rows.next()) {
        ids.add(rows.getString(1));
      }
    }
    return ids;
  }
}
