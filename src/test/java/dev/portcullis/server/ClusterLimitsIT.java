package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.store.PostgresTestSchema;
import dev.portcullis.testing.GatewayProcess;
import dev.portcullis.testing.MutableClock;
import dev.portcullis.testing.RedisServer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Limits that hold exactly across nodes: two gateways sharing one PostgreSQL and one Redis (a server of the test's
 * own, so that it can be stopped), each with its own counters in memory that they never share but through Redis.
 * Most tests run both in this JVM on one driven clock, mid-minute, so that no window turns during a test; one runs
 * the second gateway as a process of its own.
 */
class ClusterLimitsIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CHAT = "{\"model\":\"openai/gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(
      Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES).plusSeconds(20));
  private RedisServer redis;
  private PostgresTestSchema schema;
  private final List<GatewayHarness> nodes = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    redis = RedisServer.start();
    schema = PostgresTestSchema.create();
  }

  @AfterEach
  void stop() throws Exception {
    for (GatewayHarness node : nodes) {
      node.close();
    }
    redis.close();
    schema.close();
  }

  private GatewayHarness node(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(extra);
    env.put("PORTCULLIS_DATABASE_URL", schema.jdbcUrl());
    env.put("PORTCULLIS_REDIS_URL", redis.url());
    GatewayHarness node = new GatewayHarness(dir, mock -> env, new Extensions(clock, List.of(), List.of()));
    nodes.add(node);
    return node;
  }

  private static JsonNode admin(GatewayHarness node, String method, String path, String body) throws Exception {
    HttpResponse<String> r = node.admin(node.request(method, path, body));
    assertThat(r.statusCode()).as(r.body()).isBetween(200, 201);
    return JSON.readTree(r.body());
  }

  /** Waits until {@code node} has the rule another node created (asking it to explain, which counts nothing). */
  private static void ruleArrived(GatewayHarness node) {
    await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
        .until(() -> admin(node, "POST", "/admin/v1/policies/explain", "{}").path("limits").size() == 1);
  }

  /** Sends {@code total} chats from 64 clients at once, alternating between the nodes; answers the statuses. */
  private static List<HttpResponse<String>> burst(List<GatewayHarness> nodes, int total, String body)
      throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(64);
    try {
      List<Future<HttpResponse<String>>> sent = new ArrayList<>();
      for (int i = 0; i < total; i++) {
        GatewayHarness node = nodes.get(i % nodes.size());
        sent.add(clients.submit(() -> node.chat(body)));
      }
      List<HttpResponse<String>> out = new ArrayList<>();
      for (Future<HttpResponse<String>> f : sent) {
        out.add(f.get());
      }
      return out;
    } finally {
      clients.shutdown();
    }
  }

  private static long count(List<HttpResponse<String>> answers, int status) {
    return answers.stream().filter(r -> r.statusCode() == status).count();
  }

  @Test
  void twoNodesAdmitExactlyTheHundredRequestsOfOneLimit() throws Exception {
    GatewayHarness a = node(Map.of());
    GatewayHarness b = node(Map.of());
    admin(a, "POST", "/admin/v1/policies", """
        {"name": "hundred a minute", "target": {"kind": "any"}, "action": "allow",
         "limit": {"requests": 100, "per": "minute", "scope": "workspace"}}""");
    ruleArrived(b);

    List<HttpResponse<String>> answers = burst(List.of(a, b), 256, CHAT);
    assertThat(count(answers, 200)).isEqualTo(100);
    assertThat(count(answers, 429)).isEqualTo(156);
  }

  /**
   * The same limit with the second gateway in an operating-system process of its own: nothing shared but PostgreSQL
   * and Redis. Both run on the real clock, so the burst starts early in a minute (it takes a few seconds) and no
   * window turns during it.
   */
  @Test
  void twoGatewayProcessesAdmitExactlyTheHundredRequestsOfOneLimit() throws Exception {
    String[] upstream = new String[1];
    GatewayHarness a = new GatewayHarness(dir, mock -> {
      upstream[0] = mock.baseUrl();
      return Map.of("PORTCULLIS_DATABASE_URL", schema.jdbcUrl(), "PORTCULLIS_REDIS_URL", redis.url());
    }, Extensions.NONE);
    nodes.add(a);
    try (GatewayProcess b = GatewayProcess.start(dir, Map.of("PORTCULLIS_DATA_DIR", dir.toString(),
            "PORTCULLIS_ADMIN_KEY", GatewayHarness.ADMIN_KEY, "PORTCULLIS_DATABASE_URL", schema.jdbcUrl(),
            "PORTCULLIS_REDIS_URL", redis.url(), "PORTCULLIS_PROVIDER_OPENAI_API_KEY", "sk-test",
            "PORTCULLIS_PROVIDER_OPENAI_BASE_URL", upstream[0], "PORTCULLIS_TRUSTED_HOSTS", "127.0.0.1"));
        HttpClient client = HttpClient.newHttpClient()) {
      admin(a, "POST", "/admin/v1/policies", """
          {"name": "hundred a minute", "target": {"kind": "any"}, "action": "allow",
           "limit": {"requests": 100, "per": "minute", "scope": "workspace"}}""");
      await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20)).until(() -> JSON.readTree(
          client.send(toProcess(b, "/admin/v1/policies/explain", "{}"), HttpResponse.BodyHandlers.ofString()).body())
          .path("limits").size() == 1);
      while (LocalTime.now(ZoneOffset.UTC).getSecond() > 30) {
        Thread.sleep(Duration.ofMillis(200));
      }

      ExecutorService clients = Executors.newFixedThreadPool(64);
      List<Future<HttpResponse<String>>> sent = new ArrayList<>();
      for (int i = 0; i < 256; i++) {
        sent.add(i % 2 == 0 ? clients.submit(() -> a.chat(CHAT))
            : clients.submit(() -> client.send(toProcess(b, "/v1/chat/completions", CHAT),
                HttpResponse.BodyHandlers.ofString())));
      }
      List<HttpResponse<String>> answers = new ArrayList<>();
      for (Future<HttpResponse<String>> f : sent) {
        answers.add(f.get());
      }
      clients.shutdown();
      assertThat(count(answers, 200)).isEqualTo(100);
      assertThat(count(answers, 429)).isEqualTo(156);
    }
  }

  private static HttpRequest toProcess(GatewayProcess gateway, String path, String body) {
    return HttpRequest.newBuilder(URI.create(gateway.url(path))).header("content-type", "application/json")
        .header("authorization", "Bearer " + GatewayHarness.ADMIN_KEY)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  @Test
  void budgetOfOneDollarHoldsAgainstFiftyConcurrentRequestsThatWouldSpendThreeAcrossTwoNodes() throws Exception {
    budgetHolds(List.of(node(Map.of()), node(Map.of())));
  }

  @Test
  void budgetOfOneDollarHoldsAgainstFiftyConcurrentRequestsWithCountersInProcess() throws Exception {
    GatewayHarness alone = new GatewayHarness(dir, mock -> Map.of("PORTCULLIS_DATABASE_URL", schema.jdbcUrl()),
        new Extensions(clock, List.of(), List.of()));
    nodes.add(alone);
    budgetHolds(List.of(alone));
  }

  /** 50 requests at once whose real cost is $0.06 each, against a budget of $1: the spend stays within it. */
  private void budgetHolds(List<GatewayHarness> cluster) throws Exception {
    GatewayHarness a = cluster.getFirst();
    int completion = JSON.readTree(a.chat("{\"model\":\"openai/gpt-4o\",\"messages\":[]}").body())
        .path("usage").path("completion_tokens").asInt();
    BigDecimal perMillion = new BigDecimal("0.06").multiply(BigDecimal.valueOf(1_000_000))
        .divide(BigDecimal.valueOf(completion), 6, RoundingMode.HALF_UP);
    admin(a, "PUT", "/admin/v1/prices/openai/gpt-4o", "{\"input\": 0, \"output\": " + perMillion + "}");
    admin(a, "POST", "/admin/v1/policies", """
        {"name": "one dollar", "target": {"kind": "any"}, "action": "allow",
         "limit": {"dollars": 1, "per": "month", "scope": "workspace"}}""");
    for (GatewayHarness node : cluster) {
      ruleArrived(node);
    }

    String capped = "{\"model\":\"openai/gpt-4o\",\"max_tokens\":" + completion + ",\"messages\":[]}";
    List<HttpResponse<String>> answers = burst(cluster, 50, capped);
    long admitted = count(answers, 200);
    assertThat(admitted).isBetween(1L, 16L);
    assertThat(count(answers, 429) + admitted).isEqualTo(50);
    BigDecimal spent = BigDecimal.ZERO;
    for (HttpResponse<String> r : answers) {
      if (r.statusCode() == 200) {
        spent = spent.add(new BigDecimal(r.headers().firstValue("x-portcullis-cost-usd").orElseThrow()));
      }
    }
    assertThat(spent).isLessThanOrEqualTo(BigDecimal.ONE);
  }

  @Test
  void redisStoppedMidTestHoldsTheConfiguredModeAndLimitsAreSharedAgainWhenItReturns() throws Exception {
    GatewayHarness a = node(Map.of("PORTCULLIS_LIMITS_ON_REDIS_FAILURE", "closed"));
    GatewayHarness b = node(Map.of("PORTCULLIS_LIMITS_ON_REDIS_FAILURE", "closed"));
    admin(a, "POST", "/admin/v1/policies", """
        {"name": "three a minute", "target": {"kind": "any"}, "action": "allow",
         "limit": {"requests": 3, "per": "minute", "scope": "workspace"}}""");
    ruleArrived(b);

    redis.stop();
    HttpResponse<String> closed = a.chat(CHAT);
    assertThat(closed.statusCode()).isEqualTo(503);
    assertThat(closed.body()).contains("three a minute", "PORTCULLIS_LIMITS_ON_REDIS_FAILURE");
    assertThat(b.chat(CHAT).statusCode()).isEqualTo(503);

    redis.restart();
    await().atMost(Duration.ofSeconds(10)).until(() -> a.chat(CHAT).statusCode() == 200);
    List<Integer> statuses = new ArrayList<>();
    for (GatewayHarness node : List.of(b, a, b, a)) {
      statuses.add(node.chat(CHAT).statusCode());
    }
    assertThat(statuses).as("one admitted already on node A; two more across both nodes, then refused")
        .containsExactly(200, 200, 429, 429);
  }
}
