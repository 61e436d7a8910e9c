package dev.portcullis.admin;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.portcullis.observe.RequestRecord;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A request record as one CSV line (RFC 4180) of its flat fields, metadata as one JSON column; the nested attempts,
 * policy rule ids and hook results are left to the JSON Lines export. A text cell starting with {@code = + - @} gets
 * a leading {@code '}, so a spreadsheet never runs a caller's text as a formula.
 */
final class LogsCsvEncoder {

  static final String HEADER = String.join(",", "id", "trace_id", "started_at", "workspace_id", "api_key_id",
      "virtual_key", "provider", "model", "method", "path", "status", "stream", "latency_ms", "ttfb_ms",
      "prompt_tokens", "completion_tokens", "total_tokens", "cached_tokens", "reasoning_tokens", "user_id",
      "error_type", "error_message", "retries", "fallback_index", "cost_usd", "cost_status", "cache_status",
      "cache_saved_usd", "policy_verdict", "guardrail_verdict", "prompt_id", "prompt_version", "prompt_label",
      "metadata") + "\r\n";

  private static final JsonFactory JSON = new JsonFactory();

  private LogsCsvEncoder() {}

  static String line(RequestRecord r) {
    List<String> cells = new ArrayList<>(34);
    cells.add(text(r.id()));
    cells.add(text(r.traceId()));
    cells.add(r.startedAt().toString());
    cells.add(text(r.workspaceId()));
    cells.add(text(r.apiKeyId()));
    cells.add(text(r.virtualKey()));
    cells.add(text(r.provider()));
    cells.add(text(r.model()));
    cells.add(text(r.method()));
    cells.add(text(r.path()));
    cells.add(Integer.toString(r.status()));
    cells.add(Boolean.toString(r.stream()));
    cells.add(Long.toString(r.latencyMs()));
    cells.add(number(r.ttfbMs()));
    cells.add(number(r.promptTokens()));
    cells.add(number(r.completionTokens()));
    cells.add(number(r.totalTokens()));
    cells.add(number(r.cachedTokens()));
    cells.add(number(r.reasoningTokens()));
    cells.add(text(r.userId()));
    cells.add(text(r.errorType()));
    cells.add(text(r.errorMessage()));
    cells.add(Integer.toString(r.retries()));
    cells.add(text(r.fallbackIndex()));
    cells.add(r.costUsd() == null ? "" : r.costUsd().toPlainString());
    cells.add(text(r.costStatus()));
    cells.add(text(r.cacheStatus()));
    cells.add(r.cacheSavedUsd() == null ? "" : r.cacheSavedUsd().toPlainString());
    cells.add(text(r.policyVerdict()));
    cells.add(text(r.guardrailVerdict()));
    cells.add(text(r.promptId()));
    cells.add(number(r.promptVersion()));
    cells.add(text(r.promptLabel()));
    cells.add(quoted(metadata(r.metadata())));
    return String.join(",", cells) + "\r\n";
  }

  private static String number(Number value) {
    return value == null ? "" : value.toString();
  }

  private static String text(String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    char first = value.charAt(0);
    return quoted(first == '=' || first == '+' || first == '-' || first == '@' ? "'" + value : value);
  }

  private static String quoted(String value) {
    boolean plain = value.chars().noneMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n');
    return plain ? value : '"' + value.replace("\"", "\"\"") + '"';
  }

  private static String metadata(Map<String, String> metadata) {
    StringWriter text = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(text)) {
      json.writeStartObject();
      for (Map.Entry<String, String> entry : new TreeMap<>(metadata).entrySet()) {
        json.writeStringField(entry.getKey(), entry.getValue());
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }
}
