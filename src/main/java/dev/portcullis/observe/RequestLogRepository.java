package dev.portcullis.observe;

import dev.portcullis.store.Database;
import dev.portcullis.store.Page;
import dev.portcullis.store.SqlDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
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
    RequestLogConditions where = RequestLogConditions.of(query, dialect);
    String sql = RequestLogTable.SELECT + where.where() + " ORDER BY started_at DESC, id DESC LIMIT ?";

    List<RequestRecord> rows = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      // One row more than a page tells whether another page follows.
      select.setInt(where.bind(select, 1), query.limit() + 1);
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
}
