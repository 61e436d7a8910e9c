package dev.portcullis.admin;

import static dev.portcullis.observe.RequestRecords.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.error.GatewayException;
import dev.portcullis.observe.RequestLogRepository;
import dev.portcullis.observe.RequestLogWriter;
import dev.portcullis.observe.RequestRecord;
import dev.portcullis.store.Database;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogsApiTest {

  private static final Instant T0 = Instant.parse("2025-01-31T09:30:00Z");

  @TempDir Path dir;

  private final HttpClient client = HttpClient.newHttpClient();
  private Database database;
  private Vertx vertx;
  private HttpServer server;

  @BeforeEach
  void start() {
    database = Database.open("jdbc:sqlite:" + dir.resolve("portcullis.db"));
    vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    router.get("/admin/v1/logs")
        .handler(ctx -> {
          String workspace = ctx.request().getHeader("x-test-workspace");
          if (workspace != null) {
            ctx.put("workspaceId", workspace);
          }
          ctx.next();
        })
        .handler(new LogsApi(new RequestLogRepository(database), workspace -> List.of(workspace)));
    router.route().failureHandler(ctx -> {
      if (ctx.failure() instanceof GatewayException e) {
        JsonObject error = new JsonObject()
            .put("message", e.getMessage())
            .put("type", e.type())
            .put("code", e.code())
            .put("param", e.param());
        ctx.response().setStatusCode(e.status()).putHeader("content-type", "application/json")
            .end(new JsonObject().put("error", error).encode());
      } else {
        ctx.response().setStatusCode(500).end();
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
  void listsRecordsNewestFirstAsSnakeCaseObjectsAndPagesWithTheCursor() throws Exception {
    store(
        RequestRecord.builder("req-1", T0).traceId("trace-1").workspaceId("default").apiKeyId("key-1")
            .virtualKey("openai-prod").provider("openai").model("gpt-4o").method("POST").path("/v1/chat/completions")
            .status(200).stream(true).latencyMs(812).ttfbMs(95L).tokens(12, 34, 46, null, null)
            .metadata(Map.of("team", "search")).build(),
        request("req-2", T0.plusSeconds(1)).build(),
        request("req-3", T0.plusSeconds(2)).build());

    HttpResponse<String> first = get("/admin/v1/logs?limit=2");

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.headers().firstValue("content-type")).hasValue("application/json");
    JsonObject body = new JsonObject(first.body());
    assertThat(body.getString("object")).isEqualTo("list");
    assertThat(ids(body)).containsExactly("req-3", "req-2");
    assertThat(body.getString("next_cursor")).isNotBlank();

    JsonObject second = new JsonObject(get("/admin/v1/logs?limit=2&cursor=" + body.getString("next_cursor")).body());
    assertThat(ids(second)).containsExactly("req-1");
    assertThat(second.containsKey("next_cursor")).isTrue();
    assertThat(second.getString("next_cursor")).isNull();
    assertThat(second.getJsonArray("data").getJsonObject(0)).isEqualTo(new JsonObject("""
        {"id":"req-1","trace_id":"trace-1","started_at":"2025-01-31T09:30:00Z","workspace_id":"default",
         "api_key_id":"key-1","virtual_key":"openai-prod","provider":"openai","model":"gpt-4o","method":"POST",
         "path":"/v1/chat/completions","status":200,"stream":true,"latency_ms":812,"ttfb_ms":95,
         "prompt_tokens":12,"completion_tokens":34,"total_tokens":46,"metadata":{"team":"search"},
         "error_type":null,"error_message":null,"cached_tokens":null,"reasoning_tokens":null,"user_id":null,
         "retries":0,"fallback_index":null,"attempts":[],"cost_usd":null,"cost_status":null,"cache_status":null,
         "cache_saved_usd":null,"policy_rule_ids":[],"policy_verdict":null,"guardrail_verdict":null,
         "hook_results":null,"prompt_id":null,"prompt_version":null,"prompt_label":null}"""));
  }

  @Test
  void filtersCombineAndAcceptEpochMillisecondsForTimes() throws Exception {
    store(
        request("match", T0).status(429).metadata("team", "search").build(),
        request("other-team", T0).status(429).metadata("team", "ads").build(),
        request("other-status", T0).status(200).metadata("team", "search").build(),
        request("too-early", T0.minusSeconds(1)).status(429).metadata("team", "search").build());

    HttpResponse<String> response = get(
        "/admin/v1/logs?status=429&metadata.team=search&from=" + T0.toEpochMilli() + "&to=2025-02-01T00:00:00Z");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(ids(new JsonObject(response.body()))).containsExactly("match");
  }

  @Test
  void emptyParametersAreNoFilter() throws Exception {
    store(request("any", T0).build());

    HttpResponse<String> response = get("/admin/v1/logs?model=&status=&from=");

    assertThat(ids(new JsonObject(response.body()))).containsExactly("any");
  }

  @Test
  void onlyTheCallersWorkspaceIsListed() throws Exception {
    store(request("mine", T0).workspace("team-a").build(), request("theirs", T0).workspace("team-b").build());

    HttpResponse<String> response = client.send(
        HttpRequest.newBuilder(uri("/admin/v1/logs")).header("x-test-workspace", "team-a").build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(ids(new JsonObject(response.body()))).containsExactly("mine");
  }

  @Test
  void badFromIsA400NamingTheValue() throws Exception {
    assertBadRequest("/admin/v1/logs?from=yesterday", "from",
        "from: 'yesterday' (expected: an ISO-8601 instant such as 2025-01-31T09:30:00Z, or epoch milliseconds)");
  }

  @Test
  void fromAfterToIsA400() throws Exception {
    assertBadRequest("/admin/v1/logs?from=2025-02-01T00:00:00Z&to=2025-01-01T00:00:00Z", "from",
        "from: '2025-02-01T00:00:00Z' is after to: '2025-01-01T00:00:00Z' (expected: from before to)");
  }

  @Test
  void badStatusIsA400NamingTheValue() throws Exception {
    assertBadRequest("/admin/v1/logs?status=abc", "status",
        "status: 'abc' (expected: an HTTP status code 100..599)");
    assertBadRequest("/admin/v1/logs?status=99", "status",
        "status: '99' (expected: an HTTP status code 100..599)");
  }

  @Test
  void badLimitIsA400NamingTheValue() throws Exception {
    assertBadRequest("/admin/v1/logs?limit=abc", "limit", "limit: 'abc' (expected: an integer 1..1000)");
    assertBadRequest("/admin/v1/logs?limit=0", "limit", "limit: '0' (expected: an integer 1..1000)");
    assertBadRequest("/admin/v1/logs?limit=1001", "limit", "limit: '1001' (expected: an integer 1..1000)");
  }

  @Test
  void badMetadataKeyIsA400NamingTheKey() throws Exception {
    assertBadRequest("/admin/v1/logs?metadata.te%24m=x", "metadata.te$m",
        "metadata.te$m: key 'te$m' (expected: 1..64 of the characters A-Z a-z 0-9 _ . -)");
  }

  @Test
  void badCursorIsA400() throws Exception {
    assertBadRequest("/admin/v1/logs?cursor=garbage", "cursor",
        "cursor: 'garbage' (expected: the next_cursor of a previous page)");
  }

  @Test
  void unknownOrRepeatedParameterIsA400() throws Exception {
    assertBadRequest("/admin/v1/logs?modle=gpt-4o", "modle",
        "unknown query parameter 'modle' (expected: from, to, model, provider, status, api_key_id,"
            + " metadata.<key>, workspace_id, limit, cursor)");
    assertBadRequest("/admin/v1/logs?status=200&status=500", "status",
        "status: given more than once (expected: at most once)");
  }

  private void assertBadRequest(String pathAndQuery, String param, String message) throws Exception {
    HttpResponse<String> response = get(pathAndQuery);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(response.body())).isEqualTo(new JsonObject().put("error", new JsonObject()
        .put("message", message)
        .put("type", "invalid_request_error")
        .putNull("code")
        .put("param", param)));
  }

  private void store(RequestRecord... records) {
    RequestLogWriter writer = RequestLogWriter.start(database.dataSource());
    for (RequestRecord record : records) {
      writer.record(record);
    }
    writer.close();
  }

  private HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
    return client.send(HttpRequest.newBuilder(uri(pathAndQuery)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + server.actualPort() + pathAndQuery);
  }

  private static java.util.List<String> ids(JsonObject list) {
    JsonArray data = list.getJsonArray("data");
    return data.stream().map(item -> ((JsonObject) item).getString("id")).toList();
  }
}
