package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.testing.CliProcess;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without Redis, a change made by the CLI (another process, on the same database) reaches a running gateway within
 * 2 seconds, as the docs promise: the CLI writes it to the change log, which the gateway reads twice a second.
 */
class CliChangesReachGatewayIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration BOUND = Duration.ofSeconds(2);
  private static final String CHAT = "{\"model\":\"openai/gpt-4o\",\"messages\":[]}";

  @TempDir Path dir;

  @Test
  void aKeyRevokedByTheCliIsRefusedWithinTwoSeconds() throws Exception {
    try (GatewayHarness h = new GatewayHarness(dir.resolve("data"))) {
      JsonNode key = JSON.readTree(h.admin(h.post("/admin/v1/api-keys", "{\"name\":\"revoked-by-cli\"}")).body());
      assertThat(call(h, key.path("key").asText()).statusCode()).isEqualTo(200);

      CliProcess.Run revoke = cli(h, "keys", "revoke", key.path("id").asText());
      assertThat(revoke.exit()).as(revoke.output()).isZero();

      await().atMost(BOUND).pollInterval(Duration.ofMillis(50))
          .until(() -> call(h, key.path("key").asText()).statusCode() == 401);
    }
  }

  @Test
  void aVirtualKeyDisabledByTheCliIsRefusedWithinTwoSeconds() throws Exception {
    try (GatewayHarness h = new GatewayHarness(dir.resolve("data"))) {
      assertThat(h.admin(h.post("/admin/v1/virtual-keys", "{\"slug\":\"disabled-by-cli\",\"provider\":\"openai\","
          + "\"api_key\":\"sk-1\",\"base_url\":\"" + h.mock.baseUrl() + "\"}")).statusCode()).isEqualTo(201);
      String viaKey = "{\"model\":\"@disabled-by-cli/gpt-4o\",\"messages\":[]}";
      assertThat(h.chat(viaKey).statusCode()).isEqualTo(200);

      CliProcess.Run disable = cli(h, "virtual-keys", "disable", "disabled-by-cli");
      assertThat(disable.exit()).as(disable.output()).isZero();

      await().atMost(BOUND).pollInterval(Duration.ofMillis(50)).until(() -> h.chat(viaKey).statusCode() == 403);
    }
  }

  private static HttpResponse<String> call(GatewayHarness h, String key) {
    return h.send(h.post("/v1/chat/completions", CHAT).header("authorization", "Bearer " + key));
  }

  private CliProcess.Run cli(GatewayHarness h, String... args) {
    return CliProcess.run(dir, Map.of("PORTCULLIS_DATA_DIR", h.dataDir.toString()), args);
  }
}
