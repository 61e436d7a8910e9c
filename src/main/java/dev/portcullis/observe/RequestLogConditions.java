package dev.portcullis.observe;

import dev.portcullis.store.SqlDialect;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The SQL conditions of a {@link RequestLogQuery}'s filters, with their arguments in order: one place that turns
 * filters into a WHERE clause for listing, exporting and analysing the log.
 */
public final class RequestLogConditions {

  private final List<String> conditions = new ArrayList<>();
  private final List<Object> arguments = new ArrayList<>();

  private RequestLogConditions() {}

  /** Every filter of the query, cursor included, over the {@code request_logs} table. */
  public static RequestLogConditions of(RequestLogQuery query, SqlDialect dialect) {
    RequestLogConditions where = dimensions(query);
    if (query.from() != null) {
      where.and("started_at >= ?", query.from().toEpochMilli());
    }
    if (query.to() != null) {
      where.and("started_at < ?", query.to().toEpochMilli());
    }
    for (Map.Entry<String, String> entry : query.metadata().entrySet()) {
      where.and(dialect.metadataValue() + " = ?", entry.getKey(), entry.getValue());
    }
    if (query.after() != null) {
      where.and("(started_at, id) < (?, ?)", query.after().startedAt().toEpochMilli(), query.after().id());
    }
    return where;
  }

  /**
   * The filters on columns that every table about requests shares ({@code model}, {@code provider}, {@code status},
   * {@code api_key_id}, {@code workspace_id}): neither times, nor metadata, nor the cursor.
   */
  public static RequestLogConditions dimensions(RequestLogQuery query) {
    RequestLogConditions where = new RequestLogConditions();
    where.equal("model", query.model());
    where.equal("provider", query.provider());
    where.equal("status", query.status());
    where.equal("api_key_id", query.apiKeyId());
    if (!query.workspaceIds().isEmpty()) {
      where.conditions.add("workspace_id IN ("
          + String.join(", ", Collections.nCopies(query.workspaceIds().size(), "?")) + ")");
      where.arguments.addAll(query.workspaceIds().stream().sorted().toList());
    }
    return where;
  }

  /** Adds a condition with its {@code ?} arguments. */
  public RequestLogConditions and(String condition, Object... values) {
    conditions.add(condition);
    arguments.addAll(List.of(values));
    return this;
  }

  private void equal(String column, Object value) {
    if (value != null) {
      and(column + " = ?", value);
    }
  }

  /** {@code " WHERE a AND b"}, or the empty string without conditions. */
  public String where() {
    return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
  }

  /** Binds the arguments from parameter {@code first} on; returns the next free parameter index. */
  public int bind(PreparedStatement statement, int first) throws SQLException {
    int index = first;
    for (Object argument : arguments) {
      statement.setObject(index++, argument);
    }
    return index;
  }
}
