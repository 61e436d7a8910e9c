package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two gateways on one database and the local Redis share one cache: an answer stored through node A is a hit through
 * node B, which never calls its provider, and a purge through B removes it for A. Each run uses its own namespace.
 */
class TwoNodeCacheIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CONFIG = "{\"cache\":{\"mode\":\"simple\",\"max_age\":300}}";
  private static final String CHAT = "{\"model\":\"openai/gpt-4o-mini\",\"messages\":[{\"role\":\"user\","
      + "\"content\":\"Name a prime number.\"}]}";

  @TempDir Path dir;

  @Test
  void anAnswerStoredThroughNodeAIsAHitThroughNodeBAndAPurgeThroughBReachesA() throws Exception {
    Map<String, String> redis = Map.of("PORTCULLIS_REDIS_URL", "redis://127.0.0.1:6379",
        "PORTCULLIS_REDIS_CHANNEL", "portcullis-test:" + UUID.randomUUID());
    String namespace = "two-node-" + UUID.randomUUID();
    try (GatewayHarness a = new GatewayHarness(dir, redis); GatewayHarness b = new GatewayHarness(dir, redis)) {
      HttpResponse<String> stored = chat(a, namespace, false);
      assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
      assertThat(stored.headers().firstValue("x-portkey-cache-status")).contains("MISS");

      HttpResponse<String> hit = chat(b, namespace, false);
      HttpResponse<String> streamed = chat(b, namespace, true);

      assertThat(hit.headers().firstValue("x-portkey-cache-status")).contains("HIT");
      assertThat(JSON.readTree(hit.body()).path("id")).isEqualTo(JSON.readTree(stored.body()).path("id"));
      assertThat(streamed.headers().firstValue("x-portkey-cache-status")).contains("HIT");
      assertThat(streamed.body()).contains(JSON.readTree(stored.body()).path("id").asText()).endsWith("[DONE]\n\n");
      assertThat(b.mock.recordedRequests()).isEmpty();
      assertThat(a.mock.recordedRequests()).hasSize(1);

      JsonNode stats = JSON.readTree(b.admin(b.get("/admin/v1/cache")).body()).path("data").get(0);
      assertThat(stats.path("entries").asLong()).isPositive();
      assertThat(stats.path("hits").asLong()).isGreaterThanOrEqualTo(2);

      HttpResponse<String> purged = b.admin(b.request("DELETE", "/admin/v1/cache?namespace=" + namespace, null));
      assertThat(JSON.readTree(purged.body()).path("purged").asLong()).isEqualTo(1);
      assertThat(chat(a, namespace, false).headers().firstValue("x-portkey-cache-status")).contains("MISS");
    }
  }

  private static HttpResponse<String> chat(GatewayHarness node, String namespace, boolean stream) {
    return node.send(node.post("/v1/chat/completions", stream ? CHAT.replace("{\"model\"", "{\"stream\":true,\"model\"")
        : CHAT).header("authorization", "Bearer " + GatewayHarness.ADMIN_KEY).header("x-portkey-config", CONFIG)
        .header("x-portkey-cache-namespace", namespace));
  }
}
