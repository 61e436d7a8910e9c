package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.mock.MockUpstream;
import dev.portcullis.mock.MockUpstreamOptions;
import dev.portcullis.testing.CliProcess;
import io.vertx.core.Vertx;
import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
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
    int port = freePort();
    Process gateway = start(port, mock.baseUrl());
    try (HttpClient client = HttpClient.newHttpClient()) {
      awaitListening(port);
      List<long[]> answered = new ArrayList<>();
      long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500);
      for (int i = 0; System.nanoTime() < until; i++) {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/v1/chat/completions"))
            .header("authorization", "Bearer " + ADMIN_KEY).header("content-type", "application/json")
            .header("x-portcullis-trace-id", "kill-" + i)
            .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"openai/gpt-4o\",\"messages\":[]}"))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        answered.add(new long[] {i, System.nanoTime()});
      }
      long killedAt = System.nanoTime();
      gateway.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

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
      gateway.destroyForcibly();
      mock.close().await();
      vertx.close().await();
    }
  }

  private Process start(int port, String upstream) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(CliProcess.java(), "--enable-native-access=ALL-UNNAMED",
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", CliProcess.classpath(), "dev.portcullis.Portcullis",
        "serve").directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("gateway.out").toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().putAll(Map.of("PORTCULLIS_PORT", Integer.toString(port),
        "PORTCULLIS_DATA_DIR", dir.resolve("data").toString(), "PORTCULLIS_ADMIN_KEY", ADMIN_KEY,
        "PORTCULLIS_PROVIDER_OPENAI_API_KEY", "sk-test", "PORTCULLIS_PROVIDER_OPENAI_BASE_URL", upstream,
        "PORTCULLIS_TRUSTED_HOSTS", "127.0.0.1"));
    return builder.start();
  }

  private void awaitListening(int port) throws Exception {
    Path out = dir.resolve("gateway.out");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!(Files.exists(out) && Files.readString(out, StandardCharsets.UTF_8).contains("listening on"))) {
      assertThat(System.nanoTime()).as("gateway on port %d did not start", port).isLessThan(deadline);
      Thread.sleep(Duration.ofMillis(50));
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

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
