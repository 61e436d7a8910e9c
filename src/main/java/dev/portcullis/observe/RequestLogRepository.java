package dev.portcullis.observe;

import dev.portcullis.store.Database;
import dev.portcullis.store.Page;
import dev.portcullis.store.SqlDialect;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Reads the request log, newest first, a page at a time. Blocks: call it off the event loop. */
public final class RequestLogRepository {

  private static final int EXPORT_FETCH_SIZE = 1_000;

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

  /**
   * The row {@code id} with its kept bodies, when one of {@code workspaceIds} holds it; a row of any other workspace
   * is answered as absent.
   */
  public Optional<LoggedRequest> findOne(String id, Collection<String> workspaceIds) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      RequestRecord record = null;
      try (PreparedStatement select = connection.prepareStatement(RequestLogTable.SELECT + " WHERE id = ?")) {
        select.setString(1, id);
        try (ResultSet result = select.executeQuery()) {
          if (result.next()) {
            record = RequestLogTable.read(result);
          }
        }
      }
      if (record == null || !workspaceIds.contains(record.workspaceId())) {
        return Optional.empty();
      }
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT request, response FROM request_bodies WHERE request_id = ?")) {
        select.setString(1, id);
        try (ResultSet result = select.executeQuery()) {
          return Optional.of(result.next() ? new LoggedRequest(record, result.getString(1), result.getString(2))
              : new LoggedRequest(record, null, null));
        }
      }
    }
  }

  /**
   * Hands every row matching the query's filters (not its limit; it must have no cursor) to the sink, oldest first,
   * as they are read: the rows come through a cursor {@value #EXPORT_FETCH_SIZE} at a time, so the result is never
   * held in memory. On PostgreSQL the read runs in a read-only transaction, which streaming needs there.
   */
  public void forEach(RequestLogQuery query, RecordSink sink) throws SQLException, IOException {
    if (query.after() != null) {
      throw new IllegalArgumentException("an export reads every matching row; it takes no cursor");
    }
    RequestLogConditions where = RequestLogConditions.of(query, dialect);
    String sql = RequestLogTable.SELECT + where.where() + " ORDER BY started_at, id";
    try (Connection connection = dataSource.getConnection()) {
      // On SQLite a transaction would take the write lock (transaction_mode IMMEDIATE) from the log writer; rows
      // stream there without one.
      boolean transaction = dialect == SqlDialect.POSTGRESQL;
      if (transaction) {
        connection.setAutoCommit(false);
        connection.setReadOnly(true);
      }
      try (PreparedStatement select = connection.prepareStatement(sql)) {
        select.setFetchSize(EXPORT_FETCH_SIZE);
        where.bind(select, 1);
        try (ResultSet result = select.executeQuery()) {
          while (result.next()) {
            sink.accept(RequestLogTable.read(result));
          }
        }
      } finally {
        if (transaction) {
          connection.rollback();
          connection.setReadOnly(false);
          connection.setAutoCommit(true);
        }
      }
    }
  }

  /** Takes the rows of {@link #forEach}, one at a time; throwing stops the read. */
  @FunctionalInterface
  public interface RecordSink {
    void accept(RequestRecord record) throws IOException;
  }
}
