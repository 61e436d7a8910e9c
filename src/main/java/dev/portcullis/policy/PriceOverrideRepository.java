package dev.portcullis.policy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** SQL for {@code price_overrides}: one row per workspace, provider and model, its body the price's JSON. */
final class PriceOverrideRepository {

  /** One stored override. */
  record Row(String workspaceId, String provider, String model, String body) {}

  /** Replaces the override; returns the body it replaced, or null. */
  String put(Connection c, Row row, Instant at) throws SQLException {
    String before = delete(c, row.workspaceId(), row.provider(), row.model());
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO price_overrides (workspace_id, provider, model, body, "
        + "updated_at) VALUES (?, ?, ?, ?, ?)")) {
      ps.setString(1, row.workspaceId());
      ps.setString(2, row.provider());
      ps.setString(3, row.model());
      ps.setString(4, row.body());
      ps.setLong(5, at.toEpochMilli());
      ps.executeUpdate();
    }
    return before;
  }

  /** Removes the override; returns its body, or null when there was none. */
  String delete(Connection c, String workspaceId, String provider, String model) throws SQLException {
    String before = null;
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT body FROM price_overrides WHERE workspace_id = ? AND provider = ? AND model = ?")) {
      ps.setString(1, workspaceId);
      ps.setString(2, provider);
      ps.setString(3, model);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          before = rs.getString(1);
        }
      }
    }
    if (before != null) {
      try (PreparedStatement ps = c.prepareStatement(
          "DELETE FROM price_overrides WHERE workspace_id = ? AND provider = ? AND model = ?")) {
        ps.setString(1, workspaceId);
        ps.setString(2, provider);
        ps.setString(3, model);
        ps.executeUpdate();
      }
    }
    return before;
  }

  List<Row> all(Connection c) throws SQLException {
    List<Row> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT workspace_id, provider, model, body FROM price_overrides");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
      }
    }
    return out;
  }
}
