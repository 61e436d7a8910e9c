package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** After traffic through the gateway, /metrics and the analytics API count it, by low-cardinality labels only. */
class MetricsIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String GPT_4O = "{model=\"gpt-4o\",provider=\"openai\",status_class=\"2xx\",workspace=\"default\"}";
  private static final String MINI = "{model=\"gpt-4o-mini\",provider=\"openai\",status_class=\"2xx\",workspace=\"default\"}";

  @TempDir Path dir;

  @Test
  void scrapeAfterTrafficHasRequestsDurationsTimeToFirstTokenTokensAndLogQueueSeries() throws Exception {
    try (GatewayHarness h = new GatewayHarness(dir)) {
      long inputTokens = 0;
      for (int i = 0; i < 2; i++) {
        HttpResponse<String> r = h.chat("{\"model\":\"openai/gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(r.statusCode()).isEqualTo(200);
        inputTokens += JSON.readTree(r.body()).path("usage").path("prompt_tokens").asLong();
      }
      assertThat(h.chat("{\"model\":\"openai/gpt-4o-mini\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
          + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").statusCode()).isEqualTo(200);
      assertThat(h.chat("{\"model\":\"groq/llama\",\"messages\":[]}").statusCode()).isEqualTo(400);
      await().atMost(Duration.ofSeconds(10)).until(() -> h.gateway.logWriter().written() >= 4);

      String metrics = h.send(h.get("/metrics")).body();

      assertThat(value(metrics, "portcullis_requests_total" + GPT_4O)).isEqualTo(2);
      assertThat(value(metrics, "portcullis_requests_total" + MINI)).isEqualTo(1);
      assertThat(metrics).containsPattern("portcullis_requests_total\\{[^}]*status_class=\"4xx\"[^}]*} 1");
      assertThat(value(metrics, "portcullis_request_duration_seconds_count" + GPT_4O)).isEqualTo(2);
      assertThat(metrics).containsPattern("portcullis_request_duration_seconds_bucket\\{[^}]*le=\"\\+Inf\"[^}]*} 2");
      assertThat(value(metrics, "portcullis_time_to_first_token_seconds_count"
          + "{model=\"gpt-4o-mini\",provider=\"openai\",workspace=\"default\"}")).isEqualTo(1);
      assertThat(value(metrics, "portcullis_time_to_first_token_seconds_count"
          + "{model=\"gpt-4o\",provider=\"openai\",workspace=\"default\"}")).isZero();
      assertThat(inputTokens).isPositive();
      assertThat(value(metrics, "portcullis_tokens_total"
          + "{model=\"gpt-4o\",provider=\"openai\",type=\"input\",workspace=\"default\"}")).isEqualTo(inputTokens);
      assertThat(value(metrics, "portcullis_request_log_written_total")).isEqualTo(4);
      assertThat(value(metrics, "portcullis_request_log_dropped_total")).isZero();
      assertThat(value(metrics, "portcullis_request_log_queue_depth")).isZero();
      assertThat(metrics).doesNotContain(GatewayHarness.ADMIN_KEY).doesNotContain("bootstrap-admin")
          .doesNotContain("127.0.0.1");

      JsonNode summary = JSON.readTree(h.admin(h.get("/admin/v1/analytics/summary")).body());
      assertThat(summary.path("requests").asLong()).isEqualTo(4);
      assertThat(summary.path("errors").asLong()).isEqualTo(1);
      assertThat(summary.path("ttft_ms").path("p50").isNumber()).isTrue();
      JsonNode byModel = JSON.readTree(h.admin(h.get("/admin/v1/analytics/groups?group_by=model")).body());
      assertThat(byModel.path("data").get(0).path("value").asText()).isEqualTo("gpt-4o");
      assertThat(byModel.path("data").get(0).path("input_tokens").asLong()).isEqualTo(inputTokens);
    }
  }

  @Test
  void scrapeCountsCostCacheResultsBreakersPolicyRefusalsAndEachGuardrailCheck() throws Exception {
    try (GatewayHarness h = new GatewayHarness(dir)) {
      double cost = 0;
      for (int i = 0; i < 2; i++) {
        HttpResponse<String> r = h.chat("{\"model\":\"openai/gpt-4o-mini\",\"messages\":[{\"role\":\"user\","
            + "\"content\":\"hi\"}]}");
        cost += Double.parseDouble(r.headers().firstValue("x-portcullis-cost-usd").orElseThrow());
      }
      String cached = "{\"provider\":\"openai\",\"api_key\":\"sk-t\",\"custom_host\":\"" + h.mock.baseUrl()
          + "\",\"cache\":{\"mode\":\"simple\",\"max_age\":60}}";
      String chat = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"cache me\"}]}";
      assertThat(h.chat(chat, "x-portcullis-config", cached).headers().firstValue("x-portcullis-cache-status"))
          .hasValue("MISS");
      assertThat(h.chat(chat, "x-portcullis-config", cached).headers().firstValue("x-portcullis-cache-status"))
          .hasValue("HIT");
      String guarded = "{\"provider\":\"openai\",\"before_request_hooks\":[{\"type\":\"guardrail\","
          + "\"id\":\"no-ssn\",\"deny\":true,\"checks\":[{\"id\":\"portcullis.pii\",\"parameters\":"
          + "{\"types\":[\"ssn\"]}}]}]}";
      assertThat(h.chat("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"SSN 123-45-6789\"}]}",
          "x-portcullis-config", guarded).statusCode()).isEqualTo(446);
      assertThat(h.chat("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"no number\"}]}",
          "x-portcullis-config", guarded).statusCode()).isEqualTo(200);
      assertThat(h.admin(h.post("/admin/v1/policies", "{\"name\": \"no gpt-3.5\", \"target\": {\"kind\": "
          + "\"llm_model\", \"model\": \"gpt-3.5*\"}, \"action\": \"deny\"}")).statusCode()).isEqualTo(201);
      assertThat(h.chat("{\"model\":\"openai/gpt-3.5-turbo\",\"messages\":[{\"role\":\"user\","
          + "\"content\":\"hi\"}]}").statusCode()).isEqualTo(403);
      await().atMost(Duration.ofSeconds(10)).until(() -> h.gateway.logWriter().written() >= 7);

      String metrics = h.send(h.get("/metrics")).body();

      assertThat(cost).isPositive();
      assertThat(value(metrics, "portcullis_cost_usd_total"
          + "{model=\"gpt-4o-mini\",provider=\"openai\",workspace=\"default\"}")).isCloseTo(cost, within(1e-9));
      assertThat(value(metrics, "portcullis_cache_results_total{status=\"MISS\"}")).isEqualTo(1);
      assertThat(value(metrics, "portcullis_cache_results_total{status=\"HIT\"}")).isEqualTo(1);
      assertThat(value(metrics, "portcullis_breaker_state{provider=\"openai\"}")).isZero();
      assertThat(value(metrics, "portcullis_guardrail_verdicts_total{verdict=\"denied\"}")).isEqualTo(1);
      assertThat(value(metrics, "portcullis_guardrail_verdicts_total{verdict=\"passed\"}")).isEqualTo(1);
      assertThat(value(metrics, "portcullis_guardrail_checks_total{check=\"portcullis.pii\",verdict=\"failed\"}"))
          .isEqualTo(1);
      assertThat(value(metrics, "portcullis_guardrail_checks_total{check=\"portcullis.pii\",verdict=\"passed\"}"))
          .isEqualTo(1);
      assertThat(value(metrics, "portcullis_policy_verdicts_total{verdict=\"deny\"}")).isEqualTo(1);
      assertThat(metrics).doesNotContain("127.0.0.1").doesNotContain("sk-t").doesNotContain("no-ssn");
    }
  }

  @Test
  void withRedisTheScrapeSaysWhetherItsSubscriptionStands() {
    try (GatewayHarness h = new GatewayHarness(dir, Map.of("PORTCULLIS_REDIS_URL", "redis://127.0.0.1:6379",
        "PORTCULLIS_REDIS_CHANNEL", "metrics-it-" + UUID.randomUUID()))) {
      assertThat(value(h.send(h.get("/metrics")).body(), "portcullis_redis_connected")).isEqualTo(1);
    }
  }

  @Test
  void withoutRedisThereIsNoRedisSeries() {
    try (GatewayHarness h = new GatewayHarness(dir)) {
      assertThat(h.send(h.get("/metrics")).body()).doesNotContain("portcullis_redis");
    }
  }

  /** The value of the one series named exactly so (name and labels), or fails. */
  private static double value(String metrics, String series) {
    return metrics.lines().filter(line -> line.startsWith(series + " ")).findFirst()
        .map(line -> Double.parseDouble(line.substring(series.length() + 1).trim().split(" ")[0]))
        .orElseThrow(() -> new AssertionError("no series " + series + " in:\n" + metrics));
  }
}
