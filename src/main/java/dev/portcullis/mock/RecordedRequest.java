package dev.portcullis.mock;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One request as the mock upstream received it.
 *
 * @param method HTTP method, e.g. {@code POST}
 * @param path path without the query, e.g. {@code /v1/chat/completions}
 * @param query the query string without {@code ?}, or empty
 * @param headers every header value by name; lookups ignore case
 * @param body the raw body
 */
public record RecordedRequest(
    String method, String path, String query, Map<String, List<String>> headers, byte[] body) {

  public RecordedRequest {
    body = body.clone();
  }

  /** The first value of a header (name in any case), or null when absent. */
  public String header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.getFirst();
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  public String bodyAsString() {
    return new String(body, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return method + " " + path + (query.isEmpty() ? "" : "?" + query) + " (" + body.length + " bytes)";
  }
}
