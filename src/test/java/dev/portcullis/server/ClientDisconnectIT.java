package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientDisconnectIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void clientLeavingMidStreamCancelsTheUpstreamCallAndIsRecordedAs499() throws Exception {
    try (GatewayHarness h = new GatewayHarness(dir)) {
      String body = "{\"model\":\"openai/gpt-4o\",\"stream\":true,\"messages\":[]}";
      try (Socket socket = new Socket("127.0.0.1", h.gateway.port())) {
        OutputStream out = socket.getOutputStream();
        out.write(("POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\n"
            + "authorization: Bearer " + GatewayHarness.ADMIN_KEY + "\r\n"
            + "x-portkey-trace-id: gone-early\r\n"
            + "x-portkey-forward-headers: x-mock-chunks,x-mock-chunk-interval-ms\r\n"
            + "x-mock-chunks: 50\r\nx-mock-chunk-interval-ms: 200\r\n"
            + "content-length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null && !line.contains("data:")) {
          // read the head and up to the first event
        }
        assertThat(line).contains("data:");
      }
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        JsonNode rows = JSON.readTree(h.admin(h.get("/admin/v1/logs?status=499")).body()).path("data");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).path("trace_id").asText()).isEqualTo("gone-early");
        assertThat(rows.get(0).path("error_type").asText()).isEqualTo("client_closed");
        assertThat(rows.get(0).path("latency_ms").asLong()).isLessThan(5_000);
      });
    }
  }
}
