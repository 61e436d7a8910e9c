package dev.portcullis.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** SQL for {@code webhooks}; rows are kept with {@code deleted_at} set when deleted, so outbox rows still join. */
final class WebhookRepository {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COLUMNS = "id, workspace_id, url, events, format, secret_ciphertext, vault_key_id, "
      + "created_at";

  /** A stored webhook with its sealed secret. */
  record Row(Webhook webhook, String secretCiphertext, String vaultKeyId) {}

  void insert(Connection c, Row row) throws SQLException {
    Webhook w = row.webhook();
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO webhooks (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, "
        + "?, ?, ?)")) {
      ps.setString(1, w.id());
      ps.setString(2, w.workspaceId());
      ps.setString(3, w.url().toString());
      ps.setString(4, events(w.events()));
      ps.setString(5, w.format().wireName());
      ps.setString(6, row.secretCiphertext());
      ps.setString(7, row.vaultKeyId());
      ps.setLong(8, w.createdAt().toEpochMilli());
      ps.executeUpdate();
    }
  }

  void update(Connection c, Row row) throws SQLException {
    Webhook w = row.webhook();
    try (PreparedStatement ps = c.prepareStatement("UPDATE webhooks SET url = ?, events = ?, format = ?, "
        + "secret_ciphertext = ?, vault_key_id = ? WHERE id = ?")) {
      ps.setString(1, w.url().toString());
      ps.setString(2, events(w.events()));
      ps.setString(3, w.format().wireName());
      ps.setString(4, row.secretCiphertext());
      ps.setString(5, row.vaultKeyId());
      ps.setString(6, w.id());
      ps.executeUpdate();
    }
  }

  void delete(Connection c, String id, Instant at) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE webhooks SET deleted_at = ? WHERE id = ?")) {
      ps.setLong(1, at.toEpochMilli());
      ps.setString(2, id);
      ps.executeUpdate();
    }
  }

  /** A live webhook. */
  Optional<Row> find(Connection c, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM webhooks WHERE id = ? "
        + "AND deleted_at IS NULL")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    }
  }

  /** The live webhooks of the given workspaces, oldest first. */
  List<Webhook> list(Connection c, List<String> workspaceIds) throws SQLException {
    List<Webhook> out = new ArrayList<>();
    if (workspaceIds.isEmpty()) {
      return out;
    }
    String marks = String.join(", ", Collections.nCopies(workspaceIds.size(), "?"));
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM webhooks WHERE workspace_id IN ("
        + marks + ") AND deleted_at IS NULL ORDER BY created_at, id")) {
      for (int i = 0; i < workspaceIds.size(); i++) {
        ps.setString(i + 1, workspaceIds.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(read(rs).webhook());
        }
      }
    }
    return out;
  }

  /** The live webhooks that hear alerts of {@code workspaceId}: its own and those of every ancestor. */
  List<Webhook> hearing(Connection c, String workspaceId) throws SQLException {
    List<Webhook> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("WITH RECURSIVE chain (id, parent_id) AS ("
        + "SELECT id, parent_id FROM workspaces WHERE id = ? "
        + "UNION ALL SELECT w.id, w.parent_id FROM workspaces w JOIN chain ON w.id = chain.parent_id) "
        + "SELECT " + COLUMNS + " FROM webhooks WHERE deleted_at IS NULL "
        + "AND (workspace_id = ? OR workspace_id IN (SELECT id FROM chain))")) {
      ps.setString(1, workspaceId);
      ps.setString(2, workspaceId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(read(rs).webhook());
        }
      }
    }
    return out;
  }

  private static Row read(ResultSet rs) throws SQLException {
    List<String> events;
    try {
      events = JSON.readValue(rs.getString(4), new TypeReference<List<String>>() {});
    } catch (JsonProcessingException e) {
      throw new SQLException("webhook '" + rs.getString(1) + "': events column is not a JSON array", e);
    }
    return new Row(new Webhook(rs.getString(1), rs.getString(2), URI.create(rs.getString(3)),
        new WebhookEvents(events), WebhookFormat.parse(rs.getString(5)), Instant.ofEpochMilli(rs.getLong(8))),
        rs.getString(6), rs.getString(7));
  }

  private static String events(WebhookEvents events) {
    try {
      return JSON.writeValueAsString(events.patterns());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
