package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping the gateway (SIGTERM runs {@link GatewayServer#close}) lets a stream in flight finish: the gateway stops
 * accepting connections at once, and closes only after the stream's last event (or after the drain's bound); idle
 * kept-alive connections do not hold it up.
 */
class GracefulShutdownIT {

  @TempDir Path dir;

  @Test
  void aStreamInFlightWhenTheGatewayStopsRunsToItsEnd() throws Exception {
    GatewayHarness h = new GatewayHarness(dir);
    int port = h.gateway.port();
    String body = "{\"model\":\"openai/gpt-4o\",\"stream\":true,\"messages\":[]}";
    try (Socket idle = new Socket("127.0.0.1", port); Socket socket = new Socket("127.0.0.1", port)) {
      idle.getOutputStream().write("GET /health HTTP/1.1\r\nhost: x\r\n\r\n".getBytes(StandardCharsets.UTF_8));
      BufferedReader idleIn = new BufferedReader(new InputStreamReader(idle.getInputStream(), StandardCharsets.UTF_8));
      assertThat(idleIn.readLine()).isEqualTo("HTTP/1.1 200 OK");
      OutputStream out = socket.getOutputStream();
      out.write(("POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\n"
          + "authorization: Bearer " + GatewayHarness.ADMIN_KEY + "\r\n"
          + "x-portkey-forward-headers: x-mock-chunks,x-mock-chunk-interval-ms\r\n"
          + "x-mock-chunks: 10\r\nx-mock-chunk-interval-ms: 150\r\n"
          + "content-length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
      out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      String line;
      while ((line = in.readLine()) != null && !line.startsWith("data:")) {
        // the head, up to the first event
      }
      assertThat(line).startsWith("data:");

      CompletableFuture<Void> stopped = CompletableFuture.runAsync(h.gateway::close);
      StringBuilder rest = new StringBuilder();
      while ((line = in.readLine()) != null && !line.equals("0")) {
        rest.append(line).append('\n');
        if (line.startsWith("data: [DONE]")) {
          assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
        }
      }
      assertThat(rest.toString()).contains("\"finish_reason\":\"stop\"").contains("data: [DONE]");
      // An idle kept-alive connection does not hold the stop up to the drain's bound.
      stopped.get(GatewayVerticle.DRAIN_SECONDS / 2, TimeUnit.SECONDS);
    } finally {
      h.mock.close().await();
      h.vertx.close().await();
    }
  }
}
