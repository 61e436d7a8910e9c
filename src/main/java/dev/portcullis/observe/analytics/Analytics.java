package dev.portcullis.observe.analytics;

import dev.portcullis.observe.RequestLogConditions;
import dev.portcullis.observe.RequestLogQuery;
import dev.portcullis.store.Database;
import dev.portcullis.store.SqlDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Summaries of the request log, whole, over time or by group. Reads the rollups: whole hours of the window from the
 * hourly ones, the rest from the per-minute ones; a minute counts when any part of it lies in [from, to). A metadata filter, or a grouping by metadata or prompt, reads the log rows
 * instead (rollups hold neither), exactly over [from, to), which is slower on large logs. Blocks: call it off the event loop.
 */
public final class Analytics {

  /** Rows a raw read fetches per round trip, so that it streams instead of loading the result. */
  private static final int FETCH_SIZE = 1_000;

  private static final String ROW_COLUMNS = "status, latency_ms, stream, ttfb_ms, prompt_tokens, completion_tokens,"
      + " cost_usd, cache_status, cache_saved_usd";

  private final DataSource dataSource;
  private final SqlDialect dialect;

  public Analytics(Database database) {
    this.dataSource = database.dataSource();
    this.dialect = database.dialect();
  }

  /** How far back analytics looks when a query sets no {@code from}: 24 hours before its {@code to}. */
  public static final Duration DEFAULT_SPAN = Duration.ofHours(24);

  /** The query with from and to set: {@code to} defaults to now, {@code from} to {@link #DEFAULT_SPAN} before it. */
  public static RequestLogQuery window(RequestLogQuery query, Instant now) {
    Instant to = query.to() != null ? query.to() : now;
    Instant from = query.from() != null ? query.from() : to.minus(DEFAULT_SPAN);
    return new RequestLogQuery(from, to, query.model(), query.provider(), query.status(), query.apiKeyId(),
        query.metadata(), query.workspaceIds(), query.limit(), null);
  }

  /** One summary of every row the query matches; its from and to must be set. */
  public Summary summary(RequestLogQuery query) {
    Tally tally = tallies(query, null, null).get("");
    return (tally == null ? new Tally() : tally).summary();
  }

  /** A summary per time bucket holding requests, oldest first; buckets without requests are left out. */
  public List<Point> timeseries(RequestLogQuery query, TimeBucket bucket) {
    List<Point> points = new ArrayList<>();
    tallies(query, bucket, null).forEach((start, tally) ->
        points.add(new Point(Instant.ofEpochMilli(Long.parseLong(start)), tally.summary())));
    points.sort(Comparator.comparing(Point::start));
    return points;
  }

  /** A summary per value of the grouping, most requests first; rows without a value form the group null. */
  public List<Group> groups(RequestLogQuery query, GroupBy groupBy) {
    List<Group> groups = new ArrayList<>();
    tallies(query, null, groupBy).forEach((value, tally) -> groups.add(new Group(value, tally.summary())));
    groups.sort(Comparator.comparingLong((Group g) -> -g.summary().requests())
        .thenComparing(Group::value, Comparator.nullsLast(Comparator.naturalOrder())));
    return groups;
  }

  /** The tallies by group value ("" when neither bucket nor grouping is given). */
  private Map<String, Tally> tallies(RequestLogQuery query, TimeBucket bucket, GroupBy groupBy) {
    Objects.requireNonNull(query.from(), "from");
    Objects.requireNonNull(query.to(), "to");
    boolean rows = !query.metadata().isEmpty() || groupBy != null && groupBy.rowsOnly();
    try (Connection connection = dataSource.getConnection()) {
      return rows ? fromRows(connection, query, bucket, groupBy) : fromRollups(connection, query, bucket, groupBy);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read request log analytics: " + e.getMessage(), e);
    }
  }

  /**
   * Whole hours of the window from the hourly rollups, the minutes before and after them from the minute rollups (a
   * minute series reads minutes only).
   */
  private static Map<String, Tally> fromRollups(Connection connection, RequestLogQuery query, TimeBucket bucket,
      GroupBy groupBy) throws SQLException {
    long from = query.from().toEpochMilli();
    long to = query.to().toEpochMilli();
    long hour = RollupTable.HOURS.millis();
    long firstHour = Math.floorDiv(from + hour - 1, hour) * hour;
    long lastHour = Math.floorDiv(to, hour) * hour;
    Map<String, Tally> tallies = new HashMap<>();
    if (bucket == TimeBucket.MINUTE || firstHour >= lastHour) {
      addRollups(connection, RollupTable.MINUTES, from, to, query, bucket, groupBy, tallies);
    } else {
      addRollups(connection, RollupTable.MINUTES, from, firstHour, query, bucket, groupBy, tallies);
      addRollups(connection, RollupTable.HOURS, firstHour, lastHour, query, bucket, groupBy, tallies);
      addRollups(connection, RollupTable.MINUTES, lastHour, to, query, bucket, groupBy, tallies);
    }
    return tallies;
  }

  /** Adds the rollup rows of the table whose span overlaps [from, to). */
  private static void addRollups(Connection connection, RollupTable table, long from, long to, RequestLogQuery query,
      TimeBucket bucket, GroupBy groupBy, Map<String, Tally> tallies) throws SQLException {
    if (from >= to) {
      return;
    }
    String group = bucket != null ? "(start_ms / " + bucket.millis() + ") * " + bucket.millis()
        : groupBy != null ? groupBy.column() : "''";
    RequestLogConditions where = RequestLogConditions.dimensions(query)
        .and("start_ms > ?", from - table.millis())
        .and("start_ms < ?", to);
    // Without a grouping the sums are over every row: PostgreSQL refuses GROUP BY a constant.
    String sql = "SELECT " + group + ", " + RollupTable.summed() + " FROM " + table.table() + where.where()
        + (bucket == null && groupBy == null ? "" : " GROUP BY " + group);
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      where.bind(select, 1);
      try (ResultSet result = select.executeQuery()) {
        while (result.next()) {
          String value = result.getString(1);
          Tally tally = new Tally();
          tally.addSums(result, 2);
          if (tally.requests > 0) {
            tallies.merge(groupBy != null && "".equals(value) ? null : value, tally, Tally::merge);
          }
        }
      }
    }
  }

  private Map<String, Tally> fromRows(Connection connection, RequestLogQuery query, TimeBucket bucket,
      GroupBy groupBy) throws SQLException {
    String group = bucket != null ? "started_at" : groupBy == null ? "''"
        : groupBy.column() != null ? groupBy.column() : dialect.metadataValue();
    RequestLogConditions where = RequestLogConditions.of(query, dialect);
    String sql = "SELECT " + group + ", " + ROW_COLUMNS + " FROM request_logs" + where.where();
    Map<String, Tally> tallies = new HashMap<>();
    // PostgreSQL streams with a fetch size only inside a transaction; on SQLite a transaction would take the write
    // lock (transaction_mode IMMEDIATE) from the log writer for the whole read, and rows stream without one.
    boolean transaction = dialect == SqlDialect.POSTGRESQL;
    if (transaction) {
      connection.setAutoCommit(false);
    }
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      select.setFetchSize(FETCH_SIZE);
      int next = 1;
      if (groupBy != null && groupBy.metadataKey() != null) {
        select.setString(next++, groupBy.metadataKey());
      }
      where.bind(select, next);
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          String value = bucket != null
              ? Long.toString(Math.floorDiv(row.getLong(1), bucket.millis()) * bucket.millis())
              : row.getString(1);
          tallies.computeIfAbsent(value, v -> new Tally()).add(row.getInt(2), row.getLong(3), row.getBoolean(4),
              nullableLong(row, 5), nullableInt(row, 6), nullableInt(row, 7), nullableDouble(row, 8),
              row.getString(9), nullableDouble(row, 10));
        }
      }
    } finally {
      if (transaction) {
        connection.rollback();
        connection.setAutoCommit(true);
      }
    }
    return tallies;
  }

  private static Long nullableLong(ResultSet row, int column) throws SQLException {
    long value = row.getLong(column);
    return row.wasNull() ? null : value;
  }

  private static Integer nullableInt(ResultSet row, int column) throws SQLException {
    int value = row.getInt(column);
    return row.wasNull() ? null : value;
  }

  private static Double nullableDouble(ResultSet row, int column) throws SQLException {
    double value = row.getDouble(column);
    return row.wasNull() ? null : value;
  }

  /** The summary of the time bucket starting at {@code start}. */
  public record Point(Instant start, Summary summary) {}

  /** The summary of the rows whose grouped value is {@code value} (null: rows without one). */
  public record Group(String value, Summary summary) {}
}
