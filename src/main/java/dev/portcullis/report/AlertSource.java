package dev.portcullis.report;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;

/**
 * Where reports read alerts from: the {@code alerts} table ({@link StoredAlertSource}).
 */
public interface AlertSource {

  /** The alerts of the workspaces raised in the period, newest first, at most {@code limit}. */
  List<ReportedAlert> alerts(Connection c, Collection<String> workspaceIds, ReportPeriod period, int limit)
      throws SQLException;

  /** How many alerts of the workspaces were raised in the period. */
  long count(Connection c, Collection<String> workspaceIds, ReportPeriod period) throws SQLException;
}
