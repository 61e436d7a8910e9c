package dev.portcullis.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.error.GatewayException;
import dev.portcullis.observe.AuditActor;
import dev.portcullis.observe.AuditEvent;
import dev.portcullis.observe.AuditTrail;
import dev.portcullis.store.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Stores alerts and lists and acknowledges them. Storing an alert queues its webhook deliveries in the same
 * transaction, so an alert that exists is an alert that will be delivered. Blocking: worker threads only.
 */
public final class AlertService {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Database database;
  private final AuditTrail audit;
  private final Clock clock;
  private final AlertRepository alerts = new AlertRepository();
  private final WebhookRepository webhooks = new WebhookRepository();
  private final OutboxRepository outbox = new OutboxRepository();

  public AlertService(Database database, AuditTrail audit, Clock clock) {
    this.database = database;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Stores the alert and queues one delivery per webhook that hears it (of its workspace or an ancestor, subscribed
   * to its event). False, and nothing written, when an alert with the same dedup key exists.
   */
  public boolean raise(Alert alert) {
    return database.inTransaction("record " + alert.kind().wireName() + " alert", c -> {
      if (!alerts.insert(c, alert)) {
        return false;
      }
      for (Webhook w : webhooks.hearing(c, alert.workspaceId())) {
        if (w.events().matches(alert.event())) {
          outbox.enqueue(c, alert.id(), w.id(), alert.createdAt());
        }
      }
      return true;
    });
  }

  /** The newest alerts of the given workspaces, of one kind (null: any), open ones only when asked. */
  public List<Alert> list(List<String> workspaceIds, AlertKind kind, boolean openOnly, int limit) {
    return database.read("list alerts", c -> alerts.list(c, workspaceIds, kind, openOnly, limit));
  }

  /**
   * Acknowledges an alert of one of {@code workspaceIds} (a second acknowledgement changes nothing) and audits it.
   *
   * @throws GatewayException.NotFound naming the id when no such alert is in reach
   */
  public Alert acknowledge(String id, List<String> workspaceIds, AuditActor actor) {
    Instant now = clock.instant();
    return database.inTransaction("acknowledge alert '" + id + "'", c -> {
      Alert before = alerts.find(c, id).filter(a -> workspaceIds.contains(a.workspaceId()))
          .orElseThrow(() -> GatewayException.notFound("alert '" + id + "' does not exist"));
      if (!before.open()) {
        return before;
      }
      alerts.acknowledge(c, id, now, actor.name());
      Alert after = alerts.find(c, id).orElseThrow();
      audit.append(c, actor, new AuditEvent(after.workspaceId(), "alert.acknowledge", "alert", id,
          JSON.createObjectNode().putNull("acknowledged_at"),
          JSON.createObjectNode().put("acknowledged_at", now.toString())), now);
      return after;
    });
  }

  /** Webhook deliveries not made yet, on every node. */
  public long pendingDeliveries() {
    return database.read("count pending webhook deliveries", outbox::pending);
  }
}
