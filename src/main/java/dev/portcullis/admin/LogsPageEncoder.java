package dev.portcullis.admin;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.portcullis.observe.AttemptRecord;
import dev.portcullis.observe.LoggedRequest;
import dev.portcullis.observe.RequestRecord;
import dev.portcullis.store.Page;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a page of request records as the list body of {@code GET /admin/v1/logs}: snake_case fields, start time as
 * an ISO-8601 instant, metadata as an object, absent values as null.
 */
final class LogsPageEncoder {

  private static final JsonFactory JSON = new JsonFactory();

  private LogsPageEncoder() {}

  static Buffer encode(Page<RequestRecord> page) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    try (JsonGenerator json = JSON.createGenerator(body)) {
      json.writeStartObject();
      json.writeStringField("object", "list");
      json.writeArrayFieldStart("data");
      for (RequestRecord record : page.items()) {
        write(json, record);
      }
      json.writeEndArray();
      json.writeStringField("next_cursor", page.nextCursor());
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Buffer.buffer(body.toByteArray());
  }

  /** One row with its kept bodies, as {@code GET /admin/v1/logs/{id}} answers it. */
  static Buffer encode(LoggedRequest logged) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    try (JsonGenerator json = JSON.createGenerator(body)) {
      json.writeStartObject();
      json.writeFieldName("record");
      write(json, logged.record());
      json.writeStringField("request_body", logged.requestBody());
      json.writeStringField("response_body", logged.responseBody());
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Buffer.buffer(body.toByteArray());
  }

  /** One record as the JSON object a page lists, and an export line holds. */
  static void write(JsonGenerator json, RequestRecord r) throws IOException {
    json.writeStartObject();
    json.writeStringField("id", r.id());
    json.writeStringField("trace_id", r.traceId());
    json.writeStringField("started_at", r.startedAt().toString());
    json.writeStringField("workspace_id", r.workspaceId());
    json.writeStringField("api_key_id", r.apiKeyId());
    json.writeStringField("virtual_key", r.virtualKey());
    json.writeStringField("provider", r.provider());
    json.writeStringField("model", r.model());
    json.writeStringField("method", r.method());
    json.writeStringField("path", r.path());
    json.writeNumberField("status", r.status());
    json.writeBooleanField("stream", r.stream());
    json.writeNumberField("latency_ms", r.latencyMs());
    nullableNumber(json, "ttfb_ms", r.ttfbMs());
    nullableNumber(json, "prompt_tokens", r.promptTokens());
    nullableNumber(json, "completion_tokens", r.completionTokens());
    nullableNumber(json, "total_tokens", r.totalTokens());
    json.writeObjectFieldStart("metadata");
    for (Map.Entry<String, String> entry : new TreeMap<>(r.metadata()).entrySet()) {
      json.writeStringField(entry.getKey(), entry.getValue());
    }
    json.writeEndObject();
    json.writeStringField("error_type", r.errorType());
    json.writeStringField("error_message", r.errorMessage());
    nullableNumber(json, "cached_tokens", r.cachedTokens());
    nullableNumber(json, "reasoning_tokens", r.reasoningTokens());
    json.writeStringField("user_id", r.userId());
    json.writeNumberField("retries", r.retries());
    json.writeStringField("fallback_index", r.fallbackIndex());
    json.writeArrayFieldStart("attempts");
    for (AttemptRecord a : r.attempts()) {
      a.writeTo(json);
    }
    json.writeEndArray();
    nullableDecimal(json, "cost_usd", r.costUsd());
    json.writeStringField("cost_status", r.costStatus());
    json.writeStringField("cache_status", r.cacheStatus());
    nullableDecimal(json, "cache_saved_usd", r.cacheSavedUsd());
    json.writeArrayFieldStart("policy_rule_ids");
    for (String id : r.policyRuleIds()) {
      json.writeString(id);
    }
    json.writeEndArray();
    json.writeStringField("policy_verdict", r.policyVerdict());
    json.writeStringField("guardrail_verdict", r.guardrailVerdict());
    if (r.hookResults() == null) {
      json.writeNullField("hook_results");
    } else {
      json.writeFieldName("hook_results");
      json.writeRawValue(r.hookResults());
    }
    json.writeStringField("prompt_id", r.promptId());
    nullableNumber(json, "prompt_version", r.promptVersion());
    json.writeStringField("prompt_label", r.promptLabel());
    json.writeEndObject();
  }

  private static void nullableDecimal(JsonGenerator json, String name, BigDecimal value) throws IOException {
    if (value == null) {
      json.writeNullField(name);
    } else {
      json.writeNumberField(name, value);
    }
  }

  private static void nullableNumber(JsonGenerator json, String name, Number value) throws IOException {
    if (value == null) {
      json.writeNullField(name);
    } else {
      json.writeNumberField(name, value.longValue());
    }
  }
}
