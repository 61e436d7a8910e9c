package dev.portcullis.admin;

import static dev.portcullis.observe.RequestRecords.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.error.GatewayException;
import dev.portcullis.observe.RequestLogWriter;
import dev.portcullis.observe.RequestRecord;
import dev.portcullis.observe.analytics.Analytics;
import dev.portcullis.store.Database;
import dev.portcullis.store.PostgresTestSchema;
import dev.portcullis.testing.MutableClock;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyticsApiTest {

  private static final Instant T0 = Instant.parse("2025-01-31T09:00:00Z");

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
    private final MutableClock clock = new MutableClock(T0.plus(Duration.ofHours(2)));
    private Database database;
    private Vertx vertx;
    private HttpServer server;

    @BeforeEach
    void start() throws SQLException {
      database = open();
      vertx = Vertx.vertx();
      Router router = Router.router(vertx);
      router.route("/admin/v1/*").handler(ctx -> {
        String workspace = ctx.request().getHeader("x-test-workspace");
        if (workspace != null) {
          ctx.put("workspaceId", workspace);
        }
        ctx.next();
      });
      new AnalyticsApi(new Analytics(database), workspace -> List.of(workspace, workspace + "-child"), clock)
          .mount(router);
      router.route().failureHandler(ctx -> {
        if (ctx.failure() instanceof GatewayException e) {
          ctx.response().setStatusCode(e.status()).putHeader("content-type", "application/json")
              .end(new JsonObject().put("error", new JsonObject().put("message", e.getMessage())
                  .put("param", e.param())).encode());
        } else {
          ctx.response().setStatusCode(500).end(String.valueOf(ctx.failure()));
        }
      });
      server = vertx.createHttpServer().requestHandler(router).listen(0).await();
    }

    @AfterEach
    void stop() {
      vertx.close().await();
      database.close();
    }

    @Test
    void summaryCountsErrorsTokensCostCacheAndPercentilesFromTheHistograms() throws Exception {
      store(
          row("a", T0, 200, 100).stream(true).ttfbMs(50L).cost(new BigDecimal("0.01"), "priced")
              .cache("HIT", new BigDecimal("0.005")).build(),
          row("b", T0.plusSeconds(10), 200, 100).cost(new BigDecimal("0.02"), "priced").cache("MISS", null).build(),
          row("c", T0.plusSeconds(70), 200, 100).cache("DISABLED", null).build(),
          row("d", T0.plusSeconds(3700), 500, 1000).tokens(null, null, null, null, null).build());

      JsonObject summary = getJson("/admin/v1/analytics/summary");

      assertThat(summary).isEqualTo(new JsonObject("""
          {"requests":4,"errors":1,"error_rate":0.25,
           "latency_ms":{"p50":98.7,"p90":939.0,"p99":939.0},"ttft_ms":{"p50":49.4,"p99":49.4},
           "input_tokens":30,"output_tokens":60,"cost_usd":0.03,"cache_hit_rate":0.5,"cache_saved_usd":0.005}"""));
    }

    @Test
    void rollupsAndRowsGiveTheSameSummaryOverWholeMinutes() throws Exception {
      store(row("a", T0, 200, 100).stream(true).ttfbMs(40L).metadata(Map.of("team", "x")).build(),
          row("b", T0.plusSeconds(61), 502, 3000).metadata(Map.of("team", "x")).build(),
          row("c", T0.plusSeconds(3599), 200, 7).cost(new BigDecimal("0.5"), "priced").cache("SEMANTIC_HIT",
              new BigDecimal("0.25")).metadata(Map.of("team", "x")).build(),
          row("d", T0.plusSeconds(3600), 429, 0).metadata(Map.of("team", "x")).build());
      String window = "from=" + T0 + "&to=" + T0.plus(Duration.ofHours(2));

      JsonObject fromRollups = getJson("/admin/v1/analytics/summary?" + window);
      JsonObject fromRows = getJson("/admin/v1/analytics/summary?" + window + "&metadata.team=x");

      assertThat(fromRollups.getLong("requests")).isEqualTo(4);
      assertThat(fromRows).isEqualTo(fromRollups);
    }

    @Test
    void anEmptyWindowHasZerosAndNullPercentiles() throws Exception {
      JsonObject summary = getJson("/admin/v1/analytics/summary");

      assertThat(summary.getLong("requests")).isZero();
      assertThat(summary.getDouble("error_rate")).isZero();
      assertThat(summary.getJsonObject("latency_ms").getValue("p50")).isNull();
      assertThat(summary.getDouble("cost_usd")).isZero();
    }

    @Test
    void theDefaultWindowIsTheLast24HoursOfTheClock() throws Exception {
      store(row("old", T0.minus(Duration.ofHours(23)), 200, 100).build(),
          row("new", T0, 200, 100).build());
      clock.advance(Duration.ofHours(2));

      assertThat(getJson("/admin/v1/analytics/summary").getLong("requests")).isEqualTo(1);
      assertThat(getJson("/admin/v1/analytics/summary?from=" + T0.minus(Duration.ofDays(2))).getLong("requests"))
          .isEqualTo(2);
    }

    @Test
    void filtersAndWorkspaceReachApplyToEverySummary() throws Exception {
      store(row("mine", T0, 429, 100).workspaceId("team-a").model("gpt-4o").build(),
          row("child", T0, 429, 100).workspaceId("team-a-child").model("gpt-4o").build(),
          row("other-status", T0, 200, 100).workspaceId("team-a").model("gpt-4o").build(),
          row("other-model", T0, 429, 100).workspaceId("team-a").model("gpt-4o-mini").build(),
          row("theirs", T0, 429, 100).workspaceId("team-b").model("gpt-4o").build());

      HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri("/admin/v1/analytics/summary"
          + "?status=429&model=gpt-4o")).header("x-test-workspace", "team-a").build(),
          HttpResponse.BodyHandlers.ofString());

      assertThat(new JsonObject(response.body()).getLong("requests")).isEqualTo(2);
    }

    @Test
    void timeseriesHasOneEntryPerBucketWithRequestsOldestFirst() throws Exception {
      store(row("a", T0, 200, 100).metadata(Map.of("team", "search")).build(), row("b", T0.plusSeconds(59), 500, 100).build(),
          row("c", T0.plusSeconds(3600), 200, 100).build());

      JsonObject hourly = getJson("/admin/v1/analytics/timeseries");
      JsonObject minutes = getJson("/admin/v1/analytics/timeseries?bucket=minute");

      assertThat(hourly.getString("bucket")).isEqualTo("hour");
      assertThat(starts(hourly)).containsExactly("2025-01-31T09:00:00Z", "2025-01-31T10:00:00Z");
      assertThat(hourly.getJsonArray("data").getJsonObject(0).getLong("errors")).isEqualTo(1);
      assertThat(minutes.getString("bucket")).isEqualTo("minute");
      assertThat(starts(minutes)).containsExactly("2025-01-31T09:00:00Z", "2025-01-31T10:00:00Z");
      assertThat(getJson("/admin/v1/analytics/timeseries?bucket=day&metadata.team=search").getJsonArray("data"))
          .containsExactly(new JsonObject().put("start", "2025-01-31T00:00:00Z").put("requests", 1)
              .mergeIn(getJson("/admin/v1/analytics/summary?metadata.team=search")));
    }

    @Test
    void groupsByAColumnOrAMetadataKeyMostRequestsFirst() throws Exception {
      store(row("a", T0, 200, 100).model("gpt-4o").metadata(Map.of("team", "search")).build(),
          row("b", T0, 200, 100).model("gpt-4o").metadata(Map.of("team", "ads")).build(),
          row("c", T0, 200, 100).model("claude").metadata(Map.of("team", "search")).build(),
          row("d", T0, 200, 100).model("gpt-4o").build());

      JsonObject byModel = getJson("/admin/v1/analytics/groups?group_by=model");
      JsonObject byTeam = getJson("/admin/v1/analytics/groups?group_by=metadata.team");
      JsonObject searchByModel = getJson("/admin/v1/analytics/groups?group_by=model&metadata.team=search");

      assertThat(byModel.getString("group_by")).isEqualTo("model");
      assertThat(values(byModel)).containsExactly("gpt-4o=3", "claude=1");
      assertThat(values(byTeam)).containsExactly("search=2", "ads=1", "null=1");
      assertThat(values(searchByModel)).containsExactly("claude=1", "gpt-4o=1");
      assertThat(byModel.getJsonArray("data").getJsonObject(0).getJsonObject("latency_ms").getDouble("p50"))
          .isEqualTo(98.7);
    }

    @Test
    void badBucketGroupByOrParameterIsA400NamingTheValue() throws Exception {
      assertBadRequest("/admin/v1/analytics/timeseries?bucket=week", "bucket",
          "bucket: 'week' (expected: minute, hour or day)");
      assertBadRequest("/admin/v1/analytics/groups?group_by=colour", "group_by",
          "group_by: 'colour' (expected: one of model, provider, api_key, virtual_key, workspace, user,"
              + " prompt, prompt_version, metadata.<key>)");
      assertBadRequest("/admin/v1/analytics/groups", "group_by",
          "group_by: missing (expected: one of model, provider, api_key, virtual_key, workspace, user,"
              + " prompt, prompt_version, metadata.<key>)");
      assertBadRequest("/admin/v1/analytics/summary?limit=5", "limit",
          "unknown query parameter 'limit' (expected: from, to, model, provider, status, api_key_id,"
              + " metadata.<key>, workspace_id)");
      assertBadRequest("/admin/v1/analytics/summary?from=yesterday", "from",
          "from: 'yesterday' (expected: an ISO-8601 instant such as 2025-01-31T09:30:00Z, or epoch milliseconds)");
    }

    private static RequestRecord.Builder row(String id, Instant at, int status, long latencyMs) {
      return RequestRecord.builder(id, at).workspaceId("default").apiKeyId("key-1").provider("openai")
          .model("gpt-4o-mini").method("POST").path("/v1/chat/completions").status(status).latencyMs(latencyMs)
          .tokens(10, 20, 30, null, null).metadata(Map.of());
    }

    private void assertBadRequest(String pathAndQuery, String param, String message) throws Exception {
      HttpResponse<String> response = get(pathAndQuery);

      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(new JsonObject(response.body()).getJsonObject("error"))
          .isEqualTo(new JsonObject().put("message", message).put("param", param));
    }

    private void store(RequestRecord... records) {
      RequestLogWriter writer = RequestLogWriter.start(database.dataSource());
      for (RequestRecord record : records) {
        writer.record(record);
      }
      writer.close();
    }

    private JsonObject getJson(String pathAndQuery) throws IOException, InterruptedException {
      HttpResponse<String> response = get(pathAndQuery);
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      return new JsonObject(response.body());
    }

    private HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
      return client.send(HttpRequest.newBuilder(uri(pathAndQuery)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String pathAndQuery) {
      return URI.create("http://127.0.0.1:" + server.actualPort() + pathAndQuery);
    }

    private static List<String> starts(JsonObject series) {
      JsonArray data = series.getJsonArray("data");
      return data.stream().map(item -> ((JsonObject) item).getString("start")).toList();
    }

    private static List<String> values(JsonObject groups) {
      JsonArray data = groups.getJsonArray("data");
      return data.stream().map(item -> ((JsonObject) item).getString("value") + "="
          + ((JsonObject) item).getLong("requests")).toList();
    }
  }
}
