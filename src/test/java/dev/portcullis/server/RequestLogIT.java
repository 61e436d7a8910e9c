package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestLogIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void everyRequestIsRecordedWithTokensAndFilterableByMetadata() throws Exception {
    try (GatewayHarness h = new GatewayHarness(dir)) {
      h.chat("{\"model\":\"openai/gpt-4o\",\"messages\":[]}", "x-portkey-metadata", "{\"team\":\"search\",\"_user\":\"ann\"}",
          "x-portkey-trace-id", "trace-json");
      h.chat("{\"model\":\"openai/gpt-4o-mini\",\"stream\":true,\"stream_options\":{\"include_usage\":true},\"messages\":[]}",
          "x-portkey-metadata", "{\"team\":\"ads\"}", "x-portkey-trace-id", "trace-stream");
      h.chat("{\"model\":\"groq/llama\",\"messages\":[]}", "x-portkey-trace-id", "trace-bad");
      await().atMost(Duration.ofSeconds(10)).until(() -> h.gateway.logWriter().written() >= 3);

      JsonNode search = JSON.readTree(h.admin(h.get("/admin/v1/logs?metadata.team=search")).body()).path("data");
      assertThat(search).hasSize(1);
      JsonNode row = search.get(0);
      assertThat(row.path("trace_id").asText()).isEqualTo("trace-json");
      assertThat(row.path("provider").asText()).isEqualTo("openai");
      assertThat(row.path("model").asText()).isEqualTo("gpt-4o");
      assertThat(row.path("status").asInt()).isEqualTo(200);
      assertThat(row.path("total_tokens").asInt()).isPositive();
      assertThat(row.path("metadata").path("_user").asText()).isEqualTo("ann");
      assertThat(row.path("api_key_id").asText()).isEqualTo("bootstrap-admin");

      JsonNode stream = JSON.readTree(h.admin(h.get("/admin/v1/logs?metadata.team=ads")).body()).path("data").get(0);
      assertThat(stream.path("stream").asBoolean()).isTrue();
      assertThat(stream.path("total_tokens").asInt()).isPositive();
      assertThat(stream.path("ttfb_ms").isNumber()).isTrue();

      JsonNode failed = JSON.readTree(h.admin(h.get("/admin/v1/logs?status=400")).body()).path("data");
      assertThat(failed).hasSize(1);
      assertThat(failed.get(0).path("trace_id").asText()).isEqualTo("trace-bad");
      assertThat(failed.get(0).path("error_type").asText()).isEqualTo("invalid_request_error");

      JsonNode byModel = JSON.readTree(h.admin(h.get("/admin/v1/logs?model=gpt-4o-mini")).body()).path("data");
      assertThat(byModel).hasSize(1);
    }
  }

  @Test
  void gracefulShutdownWritesEveryRecord() throws Exception {
    int calls = 200;
    try (GatewayHarness h = new GatewayHarness(dir)) {
      for (int i = 0; i < calls; i++) {
        h.chat("{\"model\":\"openai/gpt-4o\",\"messages\":[]}");
      }
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("portcullis.db"));
        ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM request_logs")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(calls);
    }
  }

  @Test
  void bootstrapAdminKeyIsGeneratedOnFirstStartOnly() {
    java.util.Map<String, String> noAdminKey = new java.util.HashMap<>();
    noAdminKey.put("PORTCULLIS_ADMIN_KEY", "");
    String generated;
    try (GatewayHarness h = new GatewayHarness(dir, noAdminKey)) {
      generated = h.gateway.generatedAdminKey().orElseThrow();
      assertThat(h.send(h.get("/admin/v1/api-keys").header("authorization", "Bearer " + generated)).statusCode())
          .isEqualTo(200);
    }
    try (GatewayHarness h = new GatewayHarness(dir, noAdminKey)) {
      assertThat(h.gateway.generatedAdminKey()).isEmpty();
      assertThat(h.send(h.get("/admin/v1/api-keys").header("authorization", "Bearer " + generated)).statusCode())
          .isEqualTo(200);
    }
  }
}
