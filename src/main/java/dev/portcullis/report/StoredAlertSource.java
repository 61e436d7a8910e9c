package dev.portcullis.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * Alerts from the {@code alerts} table: those of policy alert rules, anomaly detectors and budgets passing their soft
 * limit, with their severity and whether someone acknowledged them.
 */
public final class StoredAlertSource implements AlertSource {

  @Override
  public List<ReportedAlert> alerts(Connection c, Collection<String> workspaceIds, ReportPeriod period, int limit)
      throws SQLException {
    List<ReportedAlert> out = new ArrayList<>();
    if (workspaceIds.isEmpty()) {
      return out;
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT created_at, workspace_id, kind, rule_name, severity,"
        + " acknowledged_at, summary, request_id FROM alerts" + where(workspaceIds)
        + " ORDER BY created_at DESC, id DESC LIMIT ?")) {
      int next = bind(ps, workspaceIds, period);
      ps.setInt(next, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rs.getLong(6);
          String status = rs.wasNull() ? "open" : "acknowledged";
          out.add(new ReportedAlert(Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2),
              rs.getString(3) + " '" + rs.getString(4) + "'", rs.getString(5), status, rs.getString(7),
              rs.getString(8)));
        }
      }
    }
    return out;
  }

  @Override
  public long count(Connection c, Collection<String> workspaceIds, ReportPeriod period) throws SQLException {
    if (workspaceIds.isEmpty()) {
      return 0;
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM alerts" + where(workspaceIds))) {
      bind(ps, workspaceIds, period);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static String where(Collection<String> workspaceIds) {
    return " WHERE workspace_id IN (" + String.join(", ", Collections.nCopies(workspaceIds.size(), "?"))
        + ") AND created_at >= ? AND created_at < ?";
  }

  private static int bind(PreparedStatement ps, Collection<String> workspaceIds, ReportPeriod period)
      throws SQLException {
    int i = 1;
    for (String w : workspaceIds) {
      ps.setString(i++, w);
    }
    ps.setLong(i++, period.from().toEpochMilli());
    ps.setLong(i++, period.to().toEpochMilli());
    return i;
  }
}
