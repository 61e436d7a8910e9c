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
 * Alerts from {@code policy_alerts}, written by policy alert rules. That table records neither severity nor
 * acknowledgement, so every alert is reported {@code open} without a severity.
 */
public final class PolicyAlertSource implements AlertSource {

  @Override
  public List<ReportedAlert> alerts(Connection c, Collection<String> workspaceIds, ReportPeriod period, int limit)
      throws SQLException {
    List<ReportedAlert> out = new ArrayList<>();
    if (workspaceIds.isEmpty()) {
      return out;
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT at, workspace_id, rule_name, message, request_id"
        + " FROM policy_alerts" + where(workspaceIds) + " ORDER BY at DESC, id DESC LIMIT ?")) {
      int next = bind(ps, workspaceIds, period);
      ps.setInt(next, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new ReportedAlert(Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2),
              "policy rule '" + rs.getString(3) + "'", null, "open", rs.getString(4), rs.getString(5)));
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
    try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM policy_alerts" + where(workspaceIds))) {
      bind(ps, workspaceIds, period);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static String where(Collection<String> workspaceIds) {
    return " WHERE workspace_id IN (" + String.join(", ", Collections.nCopies(workspaceIds.size(), "?"))
        + ") AND at >= ? AND at < ?";
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
