package dev.portcullis.guard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The webhook check against a real in-process HTTP server. */
class WebhookCheckTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Vertx vertx;
  private HttpServer server;
  private HttpClient client;
  private final AtomicReference<String> received = new AtomicReference<>();

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
      received.set(body.toString());
      switch (req.path()) {
        case "/pass" -> req.response().end("{\"verdict\": true}");
        case "/fail" -> req.response().end("{\"verdict\": false}");
        case "/broken" -> req.response().setStatusCode(500).end("oops");
        default -> { } // never answers: the check's timeout decides
      }
    })).listen(0).await();
    client = vertx.createHttpClient();
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  private CheckOutcome ask(String path, String extra) throws Exception {
    WebhookCheck check = WebhookCheck.from(new CheckParams(JSON.readTree("{\"webhookURL\": \"http://127.0.0.1:"
        + server.actualPort() + path + "\", \"headers\": {\"x-token\": \"t\"}" + extra + "}"), "p",
        List.of("webhookURL", "headers", "timeout", "failOnError")));
    GuardSubject subject = new GuardSubject(List.of("hello"), "hello", "gpt-4o", Map.of("team", "a"));
    CompletableFuture<CheckOutcome> outcome = new CompletableFuture<>();
    // on an event loop, as in the gateway: callbacks then run there, never on this thread
    vertx.runOnContext(v -> check.call(client, url -> io.vertx.core.Future.succeededFuture(java.net.InetAddress.getLoopbackAddress()),
        subject, "beforeRequestHook")
        .onComplete(ar -> outcome.complete(ar.result())));
    return outcome.get(10, TimeUnit.SECONDS);
  }

  @Test
  void theWebhooksVerdictDecides() throws Exception {
    assertThat(ask("/pass", "").verdict()).isTrue();
    assertThat(received.get()).contains("\"text\":\"hello\"", "\"eventType\":\"beforeRequestHook\"");
    assertThat(ask("/fail", "").verdict()).isFalse();
  }

  @Test
  void aFailingWebhookPassesUnlessFailOnError() throws Exception {
    assertThat(ask("/broken", "").verdict()).isTrue();
    CheckOutcome closed = ask("/broken", ", \"failOnError\": true");
    assertThat(closed.verdict()).isFalse();
    assertThat(closed.explanation()).contains("answered HTTP 500");
  }

  @Test
  void aSlowWebhookTimesOut() throws Exception {
    CheckOutcome outcome = ask("/silent", ", \"timeout\": 200, \"failOnError\": true");
    assertThat(outcome.verdict()).isFalse();
    assertThat(outcome.explanation()).contains("did not answer within 200 ms");
  }
}
