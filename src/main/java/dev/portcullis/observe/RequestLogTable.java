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
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The {@code request_logs} table: its columns, and how a {@link RequestRecord} maps onto them both ways. */
final class RequestLogTable {

  private static final String COLUMNS = "id, trace_id, started_at, workspace_id, api_key_id, virtual_key, provider,"
      + " model, method, path, status, stream, latency_ms, ttfb_ms, prompt_tokens, completion_tokens, total_tokens,"
      + " metadata, error_type, error_message, cached_tokens, reasoning_tokens, user_id, retries, fallback_index,"
      + " attempts, cost_usd, cost_status, cache_status, cache_saved_usd, policy_rule_ids, policy_verdict,"
      + " guardrail_verdict, hook_results, prompt_id, prompt_version, prompt_label";

  static final String SELECT = "SELECT " + COLUMNS + " FROM request_logs";

  /** A record already stored (same id) is left as it is, so a retried batch cannot fail on its own first half. */
  static final String INSERT = "INSERT INTO request_logs (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
      + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING";

  /** The bodies a policy kept, in their own table; same conflict rule as the rows. */
  static final String INSERT_BODIES = "INSERT INTO request_bodies (request_id, started_at, request, response)"
      + " VALUES (?, ?, ?, ?) ON CONFLICT (request_id) DO NOTHING";

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
    insert.setObject(21, r.cachedTokens(), Types.INTEGER);
    insert.setObject(22, r.reasoningTokens(), Types.INTEGER);
    insert.setString(23, r.userId());
    insert.setInt(24, r.retries());
    insert.setString(25, r.fallbackIndex());
    insert.setString(26, r.attempts().isEmpty() ? null : attemptsJson(r.attempts()));
    insert.setObject(27, r.costUsd() == null ? null : r.costUsd().doubleValue(), Types.DOUBLE);
    insert.setString(28, r.costStatus());
    insert.setString(29, r.cacheStatus());
    insert.setObject(30, r.cacheSavedUsd() == null ? null : r.cacheSavedUsd().doubleValue(), Types.DOUBLE);
    insert.setString(31, r.policyRuleIds().isEmpty() ? null : stringsJson(r.policyRuleIds()));
    insert.setString(32, r.policyVerdict());
    insert.setString(33, r.guardrailVerdict());
    insert.setString(34, r.hookResults());
    insert.setString(35, r.promptId());
    insert.setObject(36, r.promptVersion(), Types.INTEGER);
    insert.setString(37, r.promptLabel());
  }

  /** Whether the record carries bodies for {@link #INSERT_BODIES}. */
  static boolean hasBodies(RequestRecord r) {
    return r.requestBody() != null || r.responseBody() != null;
  }

  static void bindBodies(PreparedStatement insert, RequestRecord r) throws SQLException {
    insert.setString(1, r.id());
    insert.setLong(2, r.startedAt().toEpochMilli());
    insert.setString(3, r.requestBody());
    insert.setString(4, r.responseBody());
  }

  /** The record in the current row of a {@link #SELECT}. */
  static RequestRecord read(ResultSet row) throws SQLException {
    Integer retries = nullableInt(row, "retries");
    return RequestRecord.builder(row.getString("id"), Instant.ofEpochMilli(row.getLong("started_at")))
        .traceId(row.getString("trace_id"))
        .workspaceId(row.getString("workspace_id"))
        .apiKeyId(row.getString("api_key_id"))
        .virtualKey(row.getString("virtual_key"))
        .provider(row.getString("provider"))
        .model(row.getString("model"))
        .method(row.getString("method"))
        .path(row.getString("path"))
        .status(row.getInt("status"))
        .stream(row.getBoolean("stream"))
        .latencyMs(row.getLong("latency_ms"))
        .ttfbMs(nullableLong(row, "ttfb_ms"))
        .tokens(nullableInt(row, "prompt_tokens"), nullableInt(row, "completion_tokens"),
            nullableInt(row, "total_tokens"), nullableInt(row, "cached_tokens"), nullableInt(row, "reasoning_tokens"))
        .metadata(metadata(row.getString("metadata")))
        .userId(row.getString("user_id"))
        .error(row.getString("error_type"), row.getString("error_message"))
        .retries(retries == null ? 0 : retries)
        .fallbackIndex(row.getString("fallback_index"))
        .attempts(attempts(row.getString("attempts")))
        .cost(nullableDecimal(row, "cost_usd"), row.getString("cost_status"))
        .cache(row.getString("cache_status"), nullableDecimal(row, "cache_saved_usd"))
        .policy(strings(row.getString("policy_rule_ids")), row.getString("policy_verdict"))
        .guardrails(row.getString("guardrail_verdict"), row.getString("hook_results"))
        .prompt(row.getString("prompt_id"), nullableInt(row, "prompt_version"), row.getString("prompt_label"))
        .build();
  }

  private static Long nullableLong(ResultSet row, String column) throws SQLException {
    long value = row.getLong(column);
    return row.wasNull() ? null : value;
  }

  private static Integer nullableInt(ResultSet row, String column) throws SQLException {
    int value = row.getInt(column);
    return row.wasNull() ? null : value;
  }

  private static BigDecimal nullableDecimal(ResultSet row, String column) throws SQLException {
    double value = row.getDouble(column);
    return row.wasNull() ? null : BigDecimal.valueOf(value);
  }

  private static String attemptsJson(List<AttemptRecord> attempts) {
    StringWriter text = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(text)) {
      json.writeStartArray();
      for (AttemptRecord a : attempts) {
        a.writeTo(json);
      }
      json.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  private static List<AttemptRecord> attempts(String text) {
    if (text == null) {
      return List.of();
    }
    try (JsonParser json = JSON.createParser(text)) {
      List<AttemptRecord> attempts = new ArrayList<>();
      if (json.nextToken() != JsonToken.START_ARRAY) {
        throw new IllegalStateException("request_logs.attempts is not a JSON array");
      }
      while (json.nextToken() == JsonToken.START_OBJECT) {
        Map<String, String> fields = new HashMap<>();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
          String name = json.currentName();
          json.nextToken();
          fields.put(name, json.currentToken() == JsonToken.VALUE_NULL ? null : json.getText());
        }
        attempts.add(new AttemptRecord(fields.get("option"), fields.get("provider"), fields.get("model"),
            fields.get("virtual_key"), Integer.parseInt(fields.getOrDefault("status", "0")),
            fields.get("error_type"), Long.parseLong(fields.getOrDefault("latency_ms", "0"))));
      }
      return attempts;
    } catch (IOException e) {
      throw new UncheckedIOException("request_logs.attempts is not valid JSON", e);
    }
  }

  private static String stringsJson(List<String> values) {
    StringWriter text = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(text)) {
      json.writeStartArray();
      for (String value : values) {
        json.writeString(value);
      }
      json.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  private static List<String> strings(String text) {
    if (text == null) {
      return List.of();
    }
    try (JsonParser json = JSON.createParser(text)) {
      List<String> values = new ArrayList<>();
      if (json.nextToken() != JsonToken.START_ARRAY) {
        throw new IllegalStateException("request_logs.policy_rule_ids is not a JSON array");
      }
      while (json.nextToken() == JsonToken.VALUE_STRING) {
        values.add(json.getText());
      }
      return values;
    } catch (IOException e) {
      throw new UncheckedIOException("request_logs.policy_rule_ids is not valid JSON", e);
    }
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
