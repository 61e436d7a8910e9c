package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;
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

/**
 * Two gateways on one database and one Redis: a key revoked through node A is refused by node B within a second,
 * although B had it in memory, and a saved config changed through A is used by B within a second. Each test run
 * uses its own Redis channel.
 */
class TwoNodeRevocationIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CHAT = "{\"model\":\"openai/gpt-4o\",\"messages\":[]}";

  @TempDir Path dir;

  @Test
  void keyRevokedOnNodeAIsRefusedByNodeBWithinOneSecond() throws Exception {
    Map<String, String> redis = Map.of("PORTCULLIS_REDIS_URL", "redis://127.0.0.1:6379",
        "PORTCULLIS_REDIS_CHANNEL", "portcullis-test:" + UUID.randomUUID());
    try (GatewayHarness a = new GatewayHarness(dir, redis); GatewayHarness b = new GatewayHarness(dir, redis)) {
      JsonNode key = JSON.readTree(a.admin(a.post("/admin/v1/api-keys", "{\"name\":\"shared\"}")).body());
      String secret = key.path("key").asText();
      assertThat(chat(b, secret).statusCode()).isEqualTo(200);
      assertThat(chat(b, secret).statusCode()).isEqualTo(200);

      HttpResponse<String> revoked = a.admin(a.request("DELETE", "/admin/v1/api-keys/" + key.path("id").asText(), null));
      assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);

      await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
          .until(() -> chat(b, secret).statusCode() == 401);
      assertThat(chat(b, secret).body()).contains("gateway API key 'shared' was revoked at");
    }
  }

  @Test
  void savedConfigChangedOnNodeAIsUsedByNodeBWithinOneSecond() throws Exception {
    Map<String, String> redis = Map.of("PORTCULLIS_REDIS_URL", "redis://127.0.0.1:6379",
        "PORTCULLIS_REDIS_CHANNEL", "portcullis-test:" + UUID.randomUUID());
    try (GatewayHarness a = new GatewayHarness(dir, redis); GatewayHarness b = new GatewayHarness(dir, redis)) {
      String first = "{\"config\":{\"provider\":\"openai\",\"override_params\":{\"model\":\"first-model\"}}}";
      String id = JSON.readTree(a.admin(a.post("/admin/v1/configs", first)).body()).path("id").asText();
      assertThat(configuredModel(b, id)).isEqualTo("first-model");

      String second = "{\"config\":{\"provider\":\"openai\",\"override_params\":{\"model\":\"second-model\"}}}";
      assertThat(a.admin(a.request("PUT", "/admin/v1/configs/" + id, second)).statusCode()).isEqualTo(200);

      await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
          .until(() -> configuredModel(b, id).equals("second-model"));
    }
  }

  /** The model node B sends upstream for a call that uses the saved config. */
  private static String configuredModel(GatewayHarness node, String configId) throws Exception {
    HttpResponse<String> r = node.send(node.post("/v1/chat/completions", CHAT)
        .header("authorization", "Bearer " + GatewayHarness.ADMIN_KEY).header("x-portkey-config", configId));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body()).path("model").asText();
  }

  private static HttpResponse<String> chat(GatewayHarness node, String key) {
    return node.send(node.post("/v1/chat/completions", CHAT).header("authorization", "Bearer " + key));
  }
}
