package dev.portcullis.admin;

import static dev.portcullis.observe.RequestRecords.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.error.GatewayException;
import dev.portcullis.observe.RequestLogRepository;
import dev.portcullis.observe.RequestLogWriter;
import dev.portcullis.observe.RequestRecord;
import dev.portcullis.store.Database;
import dev.portcullis.store.PostgresTestSchema;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogsExportApiTest {

  private static final Instant T0 = Instant.parse("2025-01-31T09:30:00Z");

  @Nested
  class OnSqlite extends Rules {
    @TempDir Path dir;

    @Override
    Database open() {
      return Database.open("jdbc:sqlite:" + dir.resolve("portcullis.db"));
    }
  }

  @Nested
  class OnPostgresql extends Rules {
    private PostgresTestSchema schema;

    @Override
    Database open() throws SQLException {
      schema = PostgresTestSchema.create();
      return Database.open(schema.jdbcUrl());
    }

    @AfterEach
    void dropSchema() throws SQLException {
      schema.close();
    }
  }

  abstract static class Rules {

    abstract Database open() throws SQLException;

    private final HttpClient client = HttpClient.newHttpClient();
    private Database database;
    private Vertx vertx;
    private HttpServer server;

    @BeforeEach
    void start() throws SQLException {
      database = open();
      vertx = Vertx.vertx();
      Router router = Router.router(vertx);
      router.get("/admin/v1/logs/export")
          .handler(ctx -> {
            String workspace = ctx.request().getHeader("x-test-workspace");
            if (workspace != null) {
              ctx.put("workspaceId", workspace);
            }
            ctx.next();
          })
          .handler(new LogsExportApi(new RequestLogRepository(database), workspace -> List.of(workspace)));
      router.route().failureHandler(ctx -> {
        GatewayException e = (GatewayException) ctx.failure();
        ctx.response().setStatusCode(e.status()).end(new JsonObject().put("message", e.getMessage()).encode());
      });
      server = vertx.createHttpServer().requestHandler(router).listen(0).await();
    }

    @AfterEach
    void stop() {
      vertx.close().await();
      database.close();
    }

    @Test
    void csvHasAHeaderRowFlatFieldsQuotedAndMetadataAsOneJsonColumn() throws Exception {
      store(RequestRecord.builder("req-1", T0).traceId("trace-1").workspaceId("default").apiKeyId("key-1")
          .provider("openai").model("gpt-4o").method("POST").path("/v1/chat/completions").status(502).latencyMs(812)
          .error("upstream_error", "bad \"gateway\", twice").cost(new BigDecimal("0.0012"), "priced")
          .metadata(Map.of("team", "search", "env", "=prod")).build());

      HttpResponse<String> response = get("/admin/v1/logs/export?format=csv");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("content-type")).hasValue("text/csv; charset=utf-8");
      assertThat(response.body()).isEqualTo(LogsCsvEncoder.HEADER
          + "req-1,trace-1,2025-01-31T09:30:00Z,default,key-1,,openai,gpt-4o,POST,/v1/chat/completions,502,false,812,"
          + ",,,,,,,upstream_error,\"bad \"\"gateway\"\", twice\",0,,0.0012,priced,,,,,,,,"
          + "\"{\"\"env\"\":\"\"=prod\"\",\"\"team\"\":\"\"search\"\"}\"\r\n");
      assertThat(LogsCsvEncoder.HEADER).startsWith("id,trace_id,started_at,").endsWith(",metadata\r\n");
    }

    @Test
    void jsonLinesHoldOneLogObjectPerLineOldestFirstWithTheLogsFilters() throws Exception {
      store(request("b", T0.plusSeconds(1)).status(429).build(), request("a", T0).status(429).build(),
          request("ok", T0).status(200).build(), request("theirs", T0).workspace("other").status(429).build());

      HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri("/admin/v1/logs/export?status=429"))
          .header("x-test-workspace", "default").build(), HttpResponse.BodyHandlers.ofString());

      assertThat(response.headers().firstValue("content-type")).hasValue("application/x-ndjson");
      List<String> lines = response.body().lines().toList();
      assertThat(lines).hasSize(2);
      assertThat(lines.stream().map(l -> new JsonObject(l).getString("id"))).containsExactly("a", "b");
      assertThat(new JsonObject(lines.getFirst()).getString("started_at")).isEqualTo("2025-01-31T09:30:00Z");
    }

    @Test
    void everyRowOfAManyChunkExportArrivesOnceInOrder() throws Exception {
      RequestRecord[] rows = new RequestRecord[20_000];
      for (int i = 0; i < rows.length; i++) {
        rows[i] = request(String.format("r%05d", i), T0.plusMillis(i)).build();
      }
      store(rows);

      HttpResponse<java.io.InputStream> response = client.send(
          HttpRequest.newBuilder(uri("/admin/v1/logs/export?format=csv")).build(),
          HttpResponse.BodyHandlers.ofInputStream());
      int count = 0;
      try (BufferedReader body = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
        assertThat(body.readLine()).startsWith("id,");
        String line;
        while ((line = body.readLine()) != null) {
          assertThat(line).startsWith(String.format("r%05d,", count));
          count++;
        }
      }
      assertThat(count).isEqualTo(rows.length);
    }

    @Test
    void badFormatOrPagingParameterIsA400NamingTheValue() throws Exception {
      HttpResponse<String> format = get("/admin/v1/logs/export?format=xml");
      HttpResponse<String> limit = get("/admin/v1/logs/export?limit=10");

      assertThat(format.statusCode()).isEqualTo(400);
      assertThat(new JsonObject(format.body()).getString("message")).isEqualTo("format: 'xml' (expected: jsonl or csv)");
      assertThat(limit.statusCode()).isEqualTo(400);
      assertThat(new JsonObject(limit.body()).getString("message")).startsWith("unknown query parameter 'limit'");
    }

    private void store(RequestRecord... records) {
      RequestLogWriter writer = RequestLogWriter.start(database.dataSource());
      for (RequestRecord record : records) {
        writer.record(record);
      }
      writer.close();
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
      return client.send(HttpRequest.newBuilder(uri(pathAndQuery)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String pathAndQuery) {
      return URI.create("http://127.0.0.1:" + server.actualPort() + pathAndQuery);
    }
  }
}
