package dev.portcullis.alert;

import dev.portcullis.error.GatewayException;
import dev.portcullis.keys.Vault;
import dev.portcullis.net.HostPolicy;
import dev.portcullis.store.Database;
import dev.portcullis.time.GatewayClock;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the deliveries of the webhook outbox: claims due rows with a lease, signs each body with its webhook's
 * secret, POSTs it to the address the internal-address rule admitted (pinned, so DNS cannot redirect it), and marks
 * the row delivered on a 2xx. Anything else makes the row due again after an exponential backoff (1 s, 2 s, 4 s, ...
 * capped at {@link #MAX_BACKOFF}): at-least-once, across restarts and nodes. Database work runs on worker threads.
 */
public final class WebhookDispatcher implements AutoCloseable {

  static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
  /** How long a claimed row is held: longer than a send may take, so a crashed node's rows come back after it. */
  static final Duration LEASE = Duration.ofSeconds(60);
  private static final int SEND_TIMEOUT_MS = 10_000;
  private static final int BATCH = 50;
  private static final long POLL_MS = 1_000;
  private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);

  private final Vertx vertx;
  private final Database database;
  private final Vault vault;
  private final HostPolicy hosts;
  private final GatewayClock clock;
  private final HttpClient client;
  private final AlertRepository alerts = new AlertRepository();
  private final WebhookRepository webhooks = new WebhookRepository();
  private final OutboxRepository outbox = new OutboxRepository();
  private final AtomicBoolean running = new AtomicBoolean();
  private long timer = -1;

  public WebhookDispatcher(Vertx vertx, Database database, Vault vault, HostPolicy hosts, GatewayClock clock) {
    this.vertx = vertx;
    this.database = database;
    this.vault = vault;
    this.hosts = hosts;
    this.clock = clock;
    this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(SEND_TIMEOUT_MS)
        .setKeepAlive(false));
  }

  /** A delivery ready to send: its body signed, its address admitted. */
  private record Outgoing(OutboxRepository.Delivery delivery, Webhook webhook, InetAddress address, byte[] body,
      String signature) {}

  /** Polls the outbox every second; a poll still running is not overlapped. */
  public WebhookDispatcher start() {
    timer = vertx.setPeriodic(POLL_MS, id -> {
      if (running.compareAndSet(false, true)) {
        deliverDue().onComplete(ar -> running.set(false));
      }
    });
    return this;
  }

  /** Claims the due rows and sends them; answers how many were delivered. */
  public Future<Integer> deliverDue() {
    return vertx.executeBlocking(this::claimDue, false).compose(batch -> {
      List<Future<Boolean>> sent = new ArrayList<>();
      for (Outgoing o : batch) {
        sent.add(send(o));
      }
      return Future.join(sent).map(all -> (int) sent.stream().filter(f -> f.succeeded() && f.result()).count());
    });
  }

  private List<Outgoing> claimDue() {
    Instant now = clock.instant();
    List<Outgoing> out = new ArrayList<>();
    for (String id : database.read("find due webhook deliveries", c -> outbox.due(c, now, BATCH))) {
      Optional<OutboxRepository.Delivery> claimed = database.read("claim webhook delivery",
          c -> outbox.claim(c, id, now, now.plus(LEASE)));
      claimed.flatMap(d -> prepare(d, now)).ifPresent(out::add);
    }
    return out;
  }

  /** The delivery ready to send, or empty when it cannot be (and its row says why). */
  private Optional<Outgoing> prepare(OutboxRepository.Delivery d, Instant now) {
    Optional<WebhookRepository.Row> row = database.read("read webhook", c -> webhooks.find(c, d.webhookId()));
    Optional<Alert> alert = database.read("read alert", c -> alerts.find(c, d.alertId()));
    if (row.isEmpty() || alert.isEmpty()) {
      database.read("drop webhook delivery", c -> {
        outbox.finish(c, d.id(), now, row.isEmpty() ? "webhook deleted" : "alert deleted");
        return null;
      });
      return Optional.empty();
    }
    Webhook w = row.get().webhook();
    try {
      InetAddress address = hosts.check(w.url(), "url");
      String secret = vault.decrypt(row.get().secretCiphertext(), WebhookService.secretBinding(w.id()),
          row.get().vaultKeyId());
      byte[] body = WebhookPayload.of(alert.get(), w.format());
      return Optional.of(new Outgoing(d, w, address, body, WebhookSignature.of(body, secret)));
    } catch (GatewayException | Vault.VaultException e) {
      retry(d, now, e.getMessage());
      return Optional.empty();
    }
  }

  private Future<Boolean> send(Outgoing o) {
    boolean ssl = "https".equalsIgnoreCase(o.webhook().url().getScheme());
    int port = o.webhook().url().getPort() != -1 ? o.webhook().url().getPort() : ssl ? 443 : 80;
    String path = o.webhook().url().getRawPath() == null || o.webhook().url().getRawPath().isEmpty() ? "/"
        : o.webhook().url().getRawPath();
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost(o.webhook().url().getHost())
        .setPort(port).setSsl(ssl).setServer(SocketAddress.inetSocketAddress(port, o.address().getHostAddress()))
        .setURI(path + (o.webhook().url().getRawQuery() == null ? "" : "?" + o.webhook().url().getRawQuery()))
        .setTimeout(SEND_TIMEOUT_MS)
        .putHeader("content-type", "application/json")
        .putHeader("user-agent", "portcullis-webhooks")
        .putHeader("x-portcullis-signature", o.signature())
        .putHeader("x-portcullis-timestamp", Long.toString(clock.instant().getEpochSecond()))
        .putHeader("x-portcullis-event", "alert")
        .putHeader("x-portcullis-delivery", o.delivery().id());
    return client.request(options)
        .compose(request -> request.send(Buffer.buffer(o.body())))
        .compose(response -> response.body().map(ignored -> response.statusCode()))
        .transform(ar -> vertx.executeBlocking(() -> record(o, ar), false));
  }

  private boolean record(Outgoing o, AsyncResult<Integer> ar) {
    Instant now = clock.instant();
    if (ar.succeeded() && ar.result() / 100 == 2) {
      database.read("mark webhook delivery done", c -> {
        outbox.finish(c, o.delivery().id(), now, null);
        return null;
      });
      return true;
    }
    String error = ar.succeeded() ? "answered HTTP " + ar.result()
        : "could not be reached (" + ar.cause().getClass().getSimpleName() + ")";
    LOG.info("webhook {} {}; attempt {} of delivery {}", o.webhook().id(), error, o.delivery().attempt(),
        o.delivery().id());
    retry(o.delivery(), now, error);
    return false;
  }

  private void retry(OutboxRepository.Delivery d, Instant now, String error) {
    database.read("reschedule webhook delivery", c -> {
      outbox.retryAt(c, d.id(), now.plus(backoff(d.attempt())), error);
      return null;
    });
  }

  /** 1 s after the first failed attempt, doubling, at most {@link #MAX_BACKOFF}. */
  static Duration backoff(int attempt) {
    long seconds = 1L << Math.min(Math.max(attempt - 1, 0), 5);
    return Duration.ofSeconds(Math.min(seconds, MAX_BACKOFF.toSeconds()));
  }

  @Override
  public void close() {
    if (timer != -1) {
      vertx.cancelTimer(timer);
    }
    client.close();
  }
}
