package dev.portcullis.observe;

import dev.portcullis.store.Database;
import dev.portcullis.store.Page;
import dev.portcullis.store.SqlDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** Reads the request log, newest first, a page at a time. Blocks: call it off the event loop. */
public final class RequestLogRepository {

  private final DataSource dataSource;
  private final SqlDialect dialect;

  public RequestLogRepository(Database database) {
    this.dataSource = database.dataSource();
    this.dialect = database.dialect();
  }

  /**
   * The rows matching every filter of the query, newest first; {@link Page#nextCursor()} continues after the last
   * one and is null on the last page.
   */
  public Page<RequestRecord> find(RequestLogQuery query) throws SQLException {
    List<String> conditions = new ArrayList<>();
    List<Object> arguments = new ArrayList<>();
    if (query.from() != null) {
      conditions.add("started_at >= ?");
      arguments.add(query.from().toEpochMilli());
    }
    if (query.to() != null) {
      conditions.add("started_at < ?");
      arguments.add(query.to().toEpochMilli());
    }
    equal(conditions, arguments, "model", query.model());
    equal(conditions, arguments, "provider", query.provider());
    equal(conditions, arguments, "status", query.status());
    equal(conditions, arguments, "api_key_id", query.apiKeyId());
    if (!query.workspaceIds().isEmpty()) {
      conditions.add("workspace_id IN (" + String.join(", ", Collections.nCopies(query.workspaceIds().size(), "?"))
          + ")");
      arguments.addAll(query.workspaceIds().stream().sorted().toList());
    }
    for (Map.Entry<String, String> entry : query.metadata().entrySet()) {
      conditions.add(dialect.metadataValue() + " = ?");
      arguments.add(entry.getKey());
      arguments.add(entry.getValue());
    }
    if (query.after() != null) {
      conditions.add("(started_at, id) < (?, ?)");
      arguments.add(query.after().startedAt().toEpochMilli());
      arguments.add(query.after().id());
    }
    String sql = RequestLogTable.SELECT
        + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions))
        + " ORDER BY started_at DESC, id DESC LIMIT ?";
    // One row more than a page tells whether another page follows.
    arguments.add(query.limit() + 1);

    List<RequestRecord> rows = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      for (int i = 0; i < arguments.size(); i++) {
        select.setObject(i + 1, arguments.get(i));
      }
      try (ResultSet result = select.executeQuery()) {
        while (result.next()) {
          rows.add(RequestLogTable.read(result));
        }
      }
    }
    if (rows.size() <= query.limit()) {
      return new Page<>(rows, null);
    }
    List<RequestRecord> page = rows.subList(0, query.limit());
    return new Page<>(page, RequestLogCursor.after(page.getLast()).token());
  }

  private static void equal(List<String> conditions, List<Object> arguments, String column, Object value) {
    if (value != null) {
      conditions.add(column + " = ?");
      arguments.add(value);
    }
  }
}
