package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slow clients hold only their own connection: headers trickled forever are cut at the header timeout, a silent
 * connection at the idle timeout, and a body trickled byte by byte or a stream nobody reads leave every other client
 * answered. The timeouts are set small so the test takes seconds; the behaviour is the same at the defaults.
 */
class SlowClientIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CHAT = "{\"model\":\"openai/gpt-4o\",\"messages\":[]}";
  private static final Map<String, String> AUTH = Map.of("authorization", "Bearer " + GatewayHarness.ADMIN_KEY,
      "content-type", "application/json");
  @TempDir static Path dir;
  private static GatewayHarness h;

  @BeforeAll
  static void start() {
    h = new GatewayHarness(dir, Map.of("PORTCULLIS_HEADER_TIMEOUT", "500ms", "PORTCULLIS_IDLE_TIMEOUT", "1s"));
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  /**
   * Another client gets its answer, on a connection of its own: a pooled one could be closed by the 1 s idle timeout
   * at the moment it is reused, which would test the pool rather than the gateway.
   */
  private static void othersAreAnswered() throws Exception {
    try (java.net.http.HttpClient fresh = java.net.http.HttpClient.newHttpClient()) {
      HttpResponse<String> r = fresh.send(h.post("/v1/chat/completions", CHAT)
          .header("authorization", "Bearer " + GatewayHarness.ADMIN_KEY).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }
  }

  @Test
  void headersTrickledForeverAreCutAtHeaderTimeout() throws Exception {
    try (RawHttp slow = new RawHttp(h.gateway.port())) {
      long start = System.nanoTime();
      String head = "POST /v1/chat/completions HTTP/1.1\r\nhost: gw\r\nx-padding: ";
      slow.send(head);
      RawHttp.Answer answer = null;
      for (int i = 0; i < 40 && answer == null; i++) {
        Thread.sleep(50);
        try {
          slow.send("a");
        } catch (java.io.IOException closed) {
          answer = slow.read();
        }
        if (slow.socket.getInputStream().available() > 0) {
          answer = slow.read();
        }
        othersAreAnswered();
      }
      assertThat(answer).isNotNull();
      assertThat(answer.status()).isEqualTo(408);
      assertThat(answer.header("content-type")).isEqualTo("application/json");
      JsonNode error = JSON.readTree(answer.body()).path("error");
      assertThat(error.path("message").asText())
          .isEqualTo("request headers did not arrive within 500 ms (PORTCULLIS_HEADER_TIMEOUT)");
      assertThat(error.path("type").asText()).isEqualTo("timeout_error");
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1_900);
      assertThat(slow.closedByPeer()).isTrue();
    }
  }

  /**
   * A connection's header timer outlives the head it was set for (one timer per connection, not per request): when
   * it fires during a later head, that head still gets its whole time, not what was left of the first one's.
   */
  @Test
  void aHeadTrickledAfterAFastRequestOnTheSameConnectionGetsItsWholeHeaderTimeout() throws Exception {
    try (RawHttp client = new RawHttp(h.gateway.port())) {
      assertThat(client.exchange("POST", "/v1/chat/completions", AUTH, CHAT.getBytes(StandardCharsets.UTF_8))
          .status()).isEqualTo(200);
      Thread.sleep(200);
      long start = System.nanoTime();
      client.send("POST /v1/chat/completions HTTP/1.1\r\nhost: gw\r\nx-padding: ");
      RawHttp.Answer answer = null;
      for (int i = 0; i < 40 && answer == null; i++) {
        Thread.sleep(50);
        try {
          client.send("a");
        } catch (java.io.IOException closed) {
          answer = client.read();
        }
        if (client.socket.getInputStream().available() > 0) {
          answer = client.read();
        }
      }
      long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertThat(answer).isNotNull();
      assertThat(answer.status()).isEqualTo(408);
      assertThat(elapsedMs).isBetween(450L, 1_900L);
    }
  }

  @Test
  void silentConnectionIsClosedAtIdleTimeout() throws Exception {
    try (RawHttp silent = new RawHttp(h.gateway.port())) {
      long start = System.nanoTime();
      assertThat(silent.closedByPeer()).isTrue();
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(900L, 5_000L);
    }
  }

  @Test
  void keptAliveConnectionIsClosedAtIdleTimeoutAfterItsAnswer() throws Exception {
    try (RawHttp client = new RawHttp(h.gateway.port())) {
      assertThat(client.exchange("POST", "/v1/chat/completions", AUTH, CHAT.getBytes(StandardCharsets.UTF_8))
          .status()).isEqualTo(200);
      assertThat(client.closedByPeer()).isTrue();
    }
  }

  @Test
  void idleTimeoutNeverCutsARequestStillInFlight() throws Exception {
    try (RawHttp client = new RawHttp(h.gateway.port())) {
      Map<String, String> headers = new java.util.HashMap<>(AUTH);
      headers.put("x-portkey-forward-headers", "x-mock-latency-ms,x-mock-chunks,x-mock-chunk-interval-ms");
      headers.put("x-mock-latency-ms", "1500");
      headers.put("x-mock-chunks", "2");
      headers.put("x-mock-chunk-interval-ms", "1300");
      RawHttp.Answer answer = client.exchange("POST", "/v1/chat/completions", headers,
          "{\"model\":\"openai/gpt-4o\",\"stream\":true,\"messages\":[]}".getBytes(StandardCharsets.UTF_8));
      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.body()).contains("data: [DONE]");
    }
  }

  @Test
  void bodyTrickledAtOneBytePerSecondLeavesOthersAnswered() throws Exception {
    byte[] body = CHAT.getBytes(StandardCharsets.UTF_8);
    byte[] request = RawHttp.request("POST", "/v1/chat/completions", AUTH, body);
    int tail = 3;
    try (RawHttp slow = new RawHttp(h.gateway.port())) {
      slow.send(java.util.Arrays.copyOf(request, request.length - tail));
      for (int i = request.length - tail; i < request.length; i++) {
        othersAreAnswered();
        Thread.sleep(1_000);
        slow.send(new byte[] {request[i]});
      }
      assertThat(slow.read().status()).isEqualTo(200);
    }
  }

  @Test
  void streamNobodyReadsLeavesOthersAnswered() throws Exception {
    try (RawHttp stuck = new RawHttp(h.gateway.port())) {
      stuck.socket.setReceiveBufferSize(1024);
      Map<String, String> headers = new java.util.HashMap<>(AUTH);
      headers.put("x-portkey-forward-headers", "x-mock-chunks");
      headers.put("x-mock-chunks", "20000");
      stuck.send(RawHttp.request("POST", "/v1/chat/completions", headers,
          "{\"model\":\"openai/gpt-4o\",\"stream\":true,\"messages\":[]}".getBytes(StandardCharsets.UTF_8)));
      Thread.sleep(1_500);
      for (int i = 0; i < 5; i++) {
        othersAreAnswered();
      }
    }
  }
}
