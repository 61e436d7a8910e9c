package dev.portcullis.observe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.store.Page;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * The hash-chained audit trail in {@code audit_log}. {@link #append} runs inside the caller's transaction, so a change
 * and its entry commit together or not at all; it locks {@code audit_head} first, so concurrent appenders (on any
 * node) queue and seq has no gaps. Blocking: worker threads only.
 */
public final class AuditTrail {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COLUMNS = "seq, id, at, workspace_id, actor_type, actor_id, actor_name, source_ip, "
      + "action, object_type, object_id, before_state, after_state, prev_hash, hash";

  /** Appends one entry chained to the current head and moves the head to it. */
  public AuditEntry append(Connection c, AuditActor actor, AuditEvent event, Instant at) throws SQLException {
    try (PreparedStatement lock = c.prepareStatement("UPDATE audit_head SET seq = seq WHERE id = 1")) {
      lock.executeUpdate();
    }
    long headSeq;
    String headHash;
    try (PreparedStatement ps = c.prepareStatement("SELECT seq, hash FROM audit_head WHERE id = 1");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      headSeq = rs.getLong(1);
      headHash = rs.getString(2);
    }
    AuditEntry draft = new AuditEntry(headSeq + 1, UUID.randomUUID().toString(), at, event.workspaceId(), actor,
        event.action(), event.objectType(), event.objectId(), text(event.before()), text(event.after()), headHash, null);
    AuditEntry entry = new AuditEntry(draft.seq(), draft.id(), at, draft.workspaceId(), actor, draft.action(),
        draft.objectType(), draft.objectId(), draft.before(), draft.after(), headHash, draft.computeHash());
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO audit_log (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setLong(1, entry.seq());
      ps.setString(2, entry.id());
      ps.setLong(3, at.toEpochMilli());
      ps.setString(4, entry.workspaceId());
      ps.setString(5, actor.type());
      ps.setString(6, actor.id());
      ps.setString(7, actor.name());
      ps.setString(8, actor.sourceIp());
      ps.setString(9, entry.action());
      ps.setString(10, entry.objectType());
      ps.setString(11, entry.objectId());
      ps.setString(12, entry.before());
      ps.setString(13, entry.after());
      ps.setString(14, entry.prevHash());
      ps.setString(15, entry.hash());
      ps.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1")) {
      ps.setLong(1, entry.seq());
      ps.setString(2, entry.hash());
      ps.executeUpdate();
    }
    return entry;
  }

  public Page<AuditEntry> list(Connection c, AuditQuery query) throws SQLException {
    if (query.workspaceIds().isEmpty()) {
      return new Page<>(List.of(), null);
    }
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM audit_log WHERE workspace_id IN (")
        .append(String.join(", ", Collections.nCopies(query.workspaceIds().size(), "?"))).append(")");
    List<Object> args = new ArrayList<>(query.workspaceIds());
    if (query.action() != null) {
      sql.append(" AND action = ?");
      args.add(query.action());
    }
    if (query.objectId() != null) {
      sql.append(" AND object_id = ?");
      args.add(query.objectId());
    }
    if (query.beforeSeq() != null) {
      sql.append(" AND seq < ?");
      args.add(query.beforeSeq());
    }
    sql.append(" ORDER BY seq DESC LIMIT ?");
    args.add(query.limit() + 1);
    List<AuditEntry> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < args.size(); i++) {
        ps.setObject(i + 1, args.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(read(rs));
        }
      }
    }
    if (out.size() <= query.limit()) {
      return new Page<>(out, null);
    }
    List<AuditEntry> page = out.subList(0, query.limit());
    return new Page<>(page, Long.toString(page.get(page.size() - 1).seq()));
  }

  /**
   * Walks the whole chain in seq order and names the first entry that is missing, out of place or altered, or
   * whether rows were cut from (or added past) the end recorded in the head.
   */
  public AuditVerdict verify(Connection c) throws SQLException {
    long headSeq;
    String headHash;
    try (PreparedStatement ps = c.prepareStatement("SELECT seq, hash FROM audit_head WHERE id = 1");
        ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        return AuditVerdict.broken(0, 0, null, 0, null, "the chain head row is missing");
      }
      headSeq = rs.getLong(1);
      headHash = rs.getString(2);
    }
    long expected = 1;
    String previous = AuditEntry.GENESIS;
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM audit_log ORDER BY seq")) {
      ps.setFetchSize(500);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          AuditEntry e = read(rs);
          long checked = expected - 1;
          if (e.seq() > headSeq) {
            return AuditVerdict.broken(checked, headSeq, headHash, e.seq(), e.id(),
                "entry " + e.seq() + " lies beyond the chain head " + headSeq + " (it was inserted)");
          }
          if (e.seq() != expected) {
            return AuditVerdict.broken(checked, headSeq, headHash, expected, null,
                "entry " + expected + " is missing (deleted); the next entry is " + e.seq());
          }
          if (!e.prevHash().equals(previous)) {
            return AuditVerdict.broken(checked, headSeq, headHash, e.seq(), e.id(), "entry " + e.seq()
                + " does not chain to entry " + (e.seq() - 1) + " (one of them was inserted or rewritten)");
          }
          if (!e.computeHash().equals(e.hash())) {
            return AuditVerdict.broken(checked, headSeq, headHash, e.seq(), e.id(),
                "entry " + e.seq() + " does not match its hash (it was edited)");
          }
          previous = e.hash();
          expected++;
        }
      }
    }
    long checked = expected - 1;
    if (checked < headSeq) {
      return AuditVerdict.broken(checked, headSeq, headHash, expected, null, "entries " + expected + ".." + headSeq
          + " are missing (deleted from the end)");
    }
    if (!previous.equals(headHash)) {
      return AuditVerdict.broken(checked, headSeq, headHash, headSeq, null,
          "the chain head does not match the hash of entry " + headSeq);
    }
    return AuditVerdict.intact(checked, headSeq, headHash);
  }

  private static AuditEntry read(ResultSet rs) throws SQLException {
    return new AuditEntry(rs.getLong(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)), rs.getString(4),
        new AuditActor(rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)), rs.getString(9),
        rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14), rs.getString(15));
  }

  private static String text(JsonNode node) {
    if (node == null) {
      return null;
    }
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree did not serialize", e);
    }
  }
}
