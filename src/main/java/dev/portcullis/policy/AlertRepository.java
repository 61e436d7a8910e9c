package dev.portcullis.policy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** SQL for {@code policy_alerts}. */
final class AlertRepository {

  void insert(Connection c, PolicyAlert a) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO policy_alerts (id, at, workspace_id, rule_id, "
        + "rule_name, request_id, message) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, a.id());
      ps.setLong(2, a.at().toEpochMilli());
      ps.setString(3, a.workspaceId());
      ps.setString(4, a.ruleId());
      ps.setString(5, a.ruleName());
      ps.setString(6, a.requestId());
      ps.setString(7, a.message());
      ps.executeUpdate();
    }
  }

  /** The newest alerts of the given workspaces, newest first. */
  List<PolicyAlert> list(Connection c, List<String> workspaceIds, int limit) throws SQLException {
    List<PolicyAlert> out = new ArrayList<>();
    if (workspaceIds.isEmpty()) {
      return out;
    }
    String marks = String.join(", ", java.util.Collections.nCopies(workspaceIds.size(), "?"));
    try (PreparedStatement ps = c.prepareStatement("SELECT id, at, workspace_id, rule_id, rule_name, request_id, "
        + "message FROM policy_alerts WHERE workspace_id IN (" + marks + ") ORDER BY at DESC, id DESC LIMIT ?")) {
      int i = 1;
      for (String w : workspaceIds) {
        ps.setString(i++, w);
      }
      ps.setInt(i, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new PolicyAlert(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3),
              rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)));
        }
      }
    }
    return out;
  }
}
