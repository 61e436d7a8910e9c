package dev.portcullis.alert;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * SQL for {@code webhook_outbox}: one row per alert and webhook, due until delivered. A node claims a row by moving
 * its lease forward in one statement that only succeeds while the previous lease has passed, so on PostgreSQL two
 * nodes never hold the same row at once (the second UPDATE re-reads the committed row and matches nothing).
 */
final class OutboxRepository {

  private static final SecureRandom RANDOM = new SecureRandom();

  /** A claimed row: which alert goes to which webhook, and how many attempts this one makes it. */
  record Delivery(String id, String alertId, String webhookId, int attempt) {}

  void enqueue(Connection c, String alertId, String webhookId, Instant now) throws SQLException {
    byte[] b = new byte[8];
    RANDOM.nextBytes(b);
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO webhook_outbox (id, alert_id, webhook_id, attempts, "
        + "next_attempt_at, lease_until, created_at) VALUES (?, ?, ?, 0, ?, 0, ?)")) {
      ps.setString(1, "whd-" + HexFormat.of().formatHex(b));
      ps.setString(2, alertId);
      ps.setString(3, webhookId);
      ps.setLong(4, now.toEpochMilli());
      ps.setLong(5, now.toEpochMilli());
      ps.executeUpdate();
    }
  }

  /** Ids of undelivered rows that are due and not leased, oldest due first. */
  List<String> due(Connection c, Instant now, int limit) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT id FROM webhook_outbox WHERE delivered_at IS NULL "
        + "AND next_attempt_at <= ? AND lease_until < ? ORDER BY next_attempt_at, id LIMIT ?")) {
      ps.setLong(1, now.toEpochMilli());
      ps.setLong(2, now.toEpochMilli());
      ps.setInt(3, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  /** Leases the row until {@code leaseUntil} and counts the attempt; empty when another node holds it or it is done. */
  Optional<Delivery> claim(Connection c, String id, Instant now, Instant leaseUntil) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE webhook_outbox SET lease_until = ?, attempts = attempts + 1 "
        + "WHERE id = ? AND delivered_at IS NULL AND lease_until < ?")) {
      ps.setLong(1, leaseUntil.toEpochMilli());
      ps.setString(2, id);
      ps.setLong(3, now.toEpochMilli());
      if (ps.executeUpdate() != 1) {
        return Optional.empty();
      }
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT alert_id, webhook_id, attempts FROM webhook_outbox "
        + "WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return Optional.of(new Delivery(id, rs.getString(1), rs.getString(2), rs.getInt(3)));
      }
    }
  }

  /** Done: delivered, or given up on (a deleted webhook), with the reason. */
  void finish(Connection c, String id, Instant at, String error) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE webhook_outbox SET delivered_at = ?, last_error = ? "
        + "WHERE id = ?")) {
      ps.setLong(1, at.toEpochMilli());
      ps.setString(2, error);
      ps.setString(3, id);
      ps.executeUpdate();
    }
  }

  /** Releases the lease and makes the row due again at {@code next}. */
  void retryAt(Connection c, String id, Instant next, String error) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE webhook_outbox SET next_attempt_at = ?, lease_until = 0, "
        + "last_error = ? WHERE id = ?")) {
      ps.setLong(1, next.toEpochMilli());
      ps.setString(2, error);
      ps.setString(3, id);
      ps.executeUpdate();
    }
  }

  /** Rows not delivered yet. */
  long pending(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM webhook_outbox WHERE delivered_at IS NULL");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
