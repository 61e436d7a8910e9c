package dev.portcullis.observe;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** The {@code request_logs} table: its columns, and how a {@link RequestRecord} maps onto them both ways. */
final class RequestLogTable {

  static final String SELECT = "SELECT id, trace_id, started_at, workspace_id, api_key_id, virtual_key, provider,"
      + " model, method, path, status, stream, latency_ms, ttfb_ms, prompt_tokens, completion_tokens, total_tokens,"
      + " metadata, error_type, error_message FROM request_logs";

  /** A record already stored (same id) is left as it is, so a retried batch cannot fail on its own first half. */
  static final String INSERT = "INSERT INTO request_logs (id, trace_id, started_at, workspace_id, api_key_id,"
      + " virtual_key, provider, model, method, path, status, stream, latency_ms, ttfb_ms, prompt_tokens,"
      + " completion_tokens, total_tokens, metadata, error_type, error_message)"
      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING";

  private static final JsonFactory JSON = new JsonFactory();

  private RequestLogTable() {}

  /** Sets the {@link #INSERT} parameters to the record's values. */
  static void bind(PreparedStatement insert, RequestRecord r) throws SQLException {
    insert.setString(1, r.id());
    insert.setString(2, r.traceId());
    insert.setLong(3, r.startedAt().toEpochMilli());
    insert.setString(4, r.workspaceId());
    insert.setString(5, r.apiKeyId());
    insert.setString(6, r.virtualKey());
    insert.setString(7, r.provider());
    insert.setString(8, r.model());
    insert.setString(9, r.method());
    insert.setString(10, r.path());
    insert.setInt(11, r.status());
    insert.setBoolean(12, r.stream());
    insert.setLong(13, r.latencyMs());
    insert.setObject(14, r.ttfbMs(), Types.BIGINT);
    insert.setObject(15, r.promptTokens(), Types.INTEGER);
    insert.setObject(16, r.completionTokens(), Types.INTEGER);
    insert.setObject(17, r.totalTokens(), Types.INTEGER);
    insert.setString(18, metadataJson(r.metadata()));
    insert.setString(19, r.errorType());
    insert.setString(20, r.errorMessage());
  }

  /** The record in the current row of a {@link #SELECT}. */
  static RequestRecord read(ResultSet row) throws SQLException {
    return new RequestRecord(
        row.getString("id"),
        row.getString("trace_id"),
        Instant.ofEpochMilli(row.getLong("started_at")),
        row.getString("workspace_id"),
        row.getString("api_key_id"),
        row.getString("virtual_key"),
        row.getString("provider"),
        row.getString("model"),
        row.getString("method"),
        row.getString("path"),
        row.getInt("status"),
        row.getBoolean("stream"),
        row.getLong("latency_ms"),
        nullableLong(row, "ttfb_ms"),
        nullableInt(row, "prompt_tokens"),
        nullableInt(row, "completion_tokens"),
        nullableInt(row, "total_tokens"),
        metadata(row.getString("metadata")),
        row.getString("error_type"),
        row.getString("error_message"));
  }

  private static Long nullableLong(ResultSet row, String column) throws SQLException {
    long value = row.getLong(column);
    return row.wasNull() ? null : value;
  }

  private static Integer nullableInt(ResultSet row, String column) throws SQLException {
    int value = row.getInt(column);
    return row.wasNull() ? null : value;
  }

  private static String metadataJson(Map<String, String> metadata) {
    StringWriter text = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(text)) {
      json.writeStartObject();
      for (Map.Entry<String, String> entry : metadata.entrySet()) {
        json.writeStringField(entry.getKey(), entry.getValue());
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  private static Map<String, String> metadata(String text) {
    try (JsonParser json = JSON.createParser(text)) {
      Map<String, String> metadata = new HashMap<>();
      if (json.nextToken() != JsonToken.START_OBJECT) {
        throw notStringObject();
      }
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String key = json.currentName();
        if (json.nextToken() != JsonToken.VALUE_STRING) {
          throw notStringObject();
        }
        metadata.put(key, json.getText());
      }
      return metadata;
    } catch (IOException e) {
      throw new UncheckedIOException("request_logs.metadata is not valid JSON", e);
    }
  }

  private static IllegalStateException notStringObject() {
    return new IllegalStateException("request_logs.metadata is not a JSON object of strings");
  }
}
