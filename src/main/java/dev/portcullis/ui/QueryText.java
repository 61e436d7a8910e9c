package dev.portcullis.ui;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/** Query strings the pages build for the admin API and for their own links. */
final class QueryText {

  private QueryText() {}

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** {@code ?a=1&b=2} of the entries with a non-empty value, or an empty string when there is none. */
  static String of(Map<String, String> parameters) {
    String joined = parameters.entrySet().stream()
        .filter(e -> e.getValue() != null && !e.getValue().isEmpty())
        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
        .collect(Collectors.joining("&"));
    return joined.isEmpty() ? "" : "?" + joined;
  }
}
