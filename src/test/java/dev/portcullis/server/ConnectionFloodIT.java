package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A flood of connections cannot take the gateway: past PORTCULLIS_MAX_CONNECTIONS each new one is answered 503 with
 * {@code retry-after: 1} and the usual error, then closed, while connections already open keep being served, and
 * the gauge and counter say what happened.
 */
class ConnectionFloodIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CAP = 6;
  private static final Map<String, String> AUTH = Map.of("authorization", "Bearer " + GatewayHarness.ADMIN_KEY,
      "content-type", "application/json");
  private static final byte[] CHAT = "{\"model\":\"openai/gpt-4o\",\"messages\":[]}".getBytes(StandardCharsets.UTF_8);
  @TempDir Path dir;

  @Test
  void connectionFloodPastTheCapIsRefusedWith503WhileOpenConnectionsKeepWorking() throws Exception {
    try (GatewayHarness h = new GatewayHarness(dir, Map.of("PORTCULLIS_MAX_CONNECTIONS", Integer.toString(CAP),
        "PORTCULLIS_HEADER_TIMEOUT", "2s"))) {
      List<RawHttp> flood = new ArrayList<>();
      try (RawHttp regular = new RawHttp(h.gateway.port())) {
        assertThat(regular.exchange("POST", "/v1/chat/completions", AUTH, CHAT).status()).isEqualTo(200);
        for (int i = 0; i < CAP - 1; i++) {
          flood.add(new RawHttp(h.gateway.port()));
        }
        // A connection is counted when its event loop takes it, which may be after the client's connect returns.
        await(() -> regular.exchange("GET", "/metrics", Map.of(), new byte[0]).body()
            .contains("portcullis_connections_open " + CAP + ".0"));
        int refused = 0;
        for (int i = 0; i < 10; i++) {
          try (RawHttp extra = new RawHttp(h.gateway.port())) {
            RawHttp.Answer answer = extra.exchange("POST", "/v1/chat/completions", AUTH, CHAT);
            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.header("retry-after")).isEqualTo("1");
            JsonNode error = JSON.readTree(answer.body()).path("error");
            assertThat(error.path("message").asText()).isEqualTo("the gateway holds its limit of " + CAP
                + " connections (PORTCULLIS_MAX_CONNECTIONS); retry shortly");
            assertThat(error.path("type").asText()).isEqualTo("api_error");
            assertThat(extra.closedByPeer()).isTrue();
            refused++;
          }
          assertThat(regular.exchange("POST", "/v1/chat/completions", AUTH, CHAT).status()).isEqualTo(200);
        }
        RawHttp.Answer metrics = regular.exchange("GET", "/metrics", Map.of(), new byte[0]);
        assertThat(metrics.body()).contains("portcullis_connections_open " + CAP + ".0")
            .contains("portcullis_connections_refused_total " + refused + ".0");
        for (RawHttp f : flood) {
          f.close();
        }
      }
      await(() -> h.chat(new String(CHAT, StandardCharsets.UTF_8)).statusCode() == 200);
    }
  }

  private static void await(java.util.concurrent.Callable<Boolean> condition) {
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(condition);
  }
}
