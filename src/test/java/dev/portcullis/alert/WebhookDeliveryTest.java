package dev.portcullis.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.error.GatewayException;
import dev.portcullis.keys.Vault;
import dev.portcullis.net.HostPolicy;
import dev.portcullis.net.SpecialAddressTable;
import dev.portcullis.observe.AuditActor;
import dev.portcullis.observe.AuditTrail;
import dev.portcullis.store.Database;
import dev.portcullis.testing.MutableClock;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhookDeliveryTest {

  private static final String SECRET = "whsec-0123456789abcdef";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private final Vault vault = new Vault(randomKey());
  private final HostPolicy trustingLoopback =
      new HostPolicy(List.of("127.0.0.1"), SpecialAddressTable.withOwnAddresses(List.of()));
  private final Receiver receiver = new Receiver();
  private Vertx vertx;
  private Gateway gateway;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    receiver.up(0);
    gateway = new Gateway();
  }

  @AfterEach
  void stop() {
    gateway.close();
    vertx.close().await();
  }

  @Test
  void everyAlertRaisedWhileTheReceiverIsDownIsDeliveredOnceItReturnsEvenAcrossARestart() {
    String url = "http://127.0.0.1:" + receiver.port + "/hooks/portcullis";
    gateway.webhooks.create("default", new WebhookDraft(url, List.of("alert.*"), null, SECRET), AuditActor.system());
    receiver.down();
    List<String> raised = new ArrayList<>();
    for (int second = 0; second < 300; second++) {
      if (second % 20 == 0) {
        raised.add(gateway.raise("spike " + second));
      }
      if (second == 150) {
        gateway.close();
        gateway = new Gateway();
      }
      tick();
    }
    assertThat(receiver.received).isEmpty();

    receiver.up(receiver.port);
    for (int second = 0; second < 31; second++) {
      tick();
    }

    assertThat(receiver.firstBodies.keySet()).containsExactlyInAnyOrderElementsOf(raised);
    assertThat(receiver.badSignatures).isEmpty();
    assertThat(gateway.alerts.pendingDeliveries()).isZero();
    JsonNode first = receiver.firstBodies.get(raised.getFirst());
    assertThat(first.path("type").asText()).isEqualTo("alert.anomaly");
    assertThat(first.path("summary").asText()).isEqualTo("spike 0");
  }

  @Test
  void aDeliveredAlertIsNotSentAgain() {
    gateway.webhooks.create("default", new WebhookDraft("http://127.0.0.1:" + receiver.port + "/", null, null,
        SECRET), AuditActor.system());
    String id = gateway.raise("once");
    for (int second = 0; second < 120; second++) {
      tick();
    }
    assertThat(receiver.received).containsExactly(id);
  }

  @Test
  void retriesBackOffExponentiallyUpToThirtySeconds() {
    assertThat(List.of(1, 2, 3, 4, 5, 6, 7, 20).stream().map(WebhookDispatcher::backoff).map(Duration::toSeconds))
        .containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L);
  }

  @Test
  void webhookAtTheCloudMetadataAddressIsRefused() {
    WebhookService strict = new WebhookService(gateway.database, vault,
        new HostPolicy(List.of(), SpecialAddressTable.withOwnAddresses(List.of())), new AuditTrail(), clock);

    assertThatThrownBy(() -> strict.create("default", new WebhookDraft("http://169.254.169.254/latest/meta-data/",
        null, null, SECRET), AuditActor.system()))
        .isInstanceOf(GatewayException.BadRequest.class)
        .hasMessageContaining("url: 'http://169.254.169.254/latest/meta-data/' resolves to 169.254.169.254");
  }

  @Test
  void webhookAtALoopbackAddressIsRefusedUnlessTrusted() {
    WebhookService strict = new WebhookService(gateway.database, vault,
        new HostPolicy(List.of(), SpecialAddressTable.withOwnAddresses(List.of())), new AuditTrail(), clock);

    assertThatThrownBy(() -> strict.create("default", new WebhookDraft("http://127.0.0.1:9/", null, null, SECRET),
        AuditActor.system())).isInstanceOf(GatewayException.BadRequest.class).hasMessageStartingWith("url: ");
  }

  @Test
  void aWebhookHearsOnlyTheEventsItSubscribesTo() {
    gateway.webhooks.create("default", new WebhookDraft("http://127.0.0.1:" + receiver.port + "/", List.of(
        "alert.budget"), "slack", SECRET), AuditActor.system());
    gateway.raise("not for this webhook");
    String budget = Alert.raise(AlertKind.BUDGET, "pol-1", "monthly budget", AlertSeverity.WARNING, "80% spent",
        "default", null, null, null, clock.instant()).id();
    gateway.alerts.raise(new Alert(budget, AlertKind.BUDGET, "pol-1", "monthly budget", AlertSeverity.WARNING,
        "80% spent", "default", null, null, null, clock.instant(), null, null));
    for (int second = 0; second < 5; second++) {
      tick();
    }
    assertThat(receiver.received).containsExactly(budget);
    assertThat(receiver.firstBodies.get(budget).path("text").asText()).contains("monthly budget", "80% spent");
  }

  private void tick() {
    clock.advance(Duration.ofSeconds(1));
    gateway.dispatcher.deliverDue().await();
  }

  private static byte[] randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }

  /** One gateway process: its own connections to the shared database file, its own dispatcher. */
  private final class Gateway implements AutoCloseable {
    final Database database = Database.open("jdbc:sqlite:" + dir.resolve("portcullis.db"));
    final AlertService alerts = new AlertService(database, new AuditTrail(), clock);
    final WebhookService webhooks = new WebhookService(database, vault, trustingLoopback, new AuditTrail(), clock);
    final WebhookDispatcher dispatcher = new WebhookDispatcher(vertx, database, vault, trustingLoopback, clock);

    String raise(String summary) {
      Alert a = Alert.raise(AlertKind.ANOMALY, "cost_spike", "cost spike", AlertSeverity.WARNING, summary, "default",
          "key-1", null, null, clock.instant());
      assertThat(alerts.raise(a)).isTrue();
      return a.id();
    }

    @Override
    public void close() {
      dispatcher.close();
      database.close();
    }
  }

  /** A real HTTP receiver that checks signatures itself and can go down and come back on its port. */
  private final class Receiver {
    final List<String> received = new CopyOnWriteArrayList<>();
    final Map<String, JsonNode> firstBodies = new ConcurrentHashMap<>();
    final Set<String> badSignatures = java.util.Collections.synchronizedSet(new LinkedHashSet<>());
    int port;
    private HttpServer server;

    void up(int onPort) {
      server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
        JsonNode json;
        try {
          json = JSON.readTree(body.getBytes());
        } catch (java.io.IOException e) {
          req.response().setStatusCode(400).end();
          return;
        }
        String id = json.path("id").asText();
        if (!expectedSignature(body.getBytes()).equals(req.getHeader("x-portcullis-signature"))
            || req.getHeader("x-portcullis-timestamp") == null) {
          badSignatures.add(id);
        }
        received.add(id);
        firstBodies.putIfAbsent(id, json);
        req.response().setStatusCode(204).end();
      })).listen(onPort, "127.0.0.1").await();
      port = server.actualPort();
    }

    void down() {
      server.close().await();
    }

    private String expectedSignature(byte[] body) {
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
      } catch (java.security.GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
