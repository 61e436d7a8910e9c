package dev.portcullis.routing.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.condition.JsonValueText;
import dev.portcullis.error.GatewayException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One JSON object of a routing config, read under either spelling of its keys ({@code api_key} / {@code apiKey}),
 * with typed getters whose errors name the path, the value and the expectation. Missing keys and JSON nulls read as
 * absent (null).
 */
final class ConfigObject {

  static final String HEADER = "x-portkey-config";

  /** Old and new spellings Portkey accepts for the same key. */
  private static final Map<String, String> SYNONYMS = Map.of("use_retry_after_header", "use_retry_after_headers");

  private final String path;
  private final Map<String, JsonNode> values = new LinkedHashMap<>();

  /**
   * @param path where the object sits, e.g. {@code targets[1].retry}; empty for the config itself
   * @param allowed canonical (snake_case) keys, in the order an error lists them
   * @param alsoAllowed further canonical keys accepted, described by {@code alsoAllowedText}
   */
  ConfigObject(
      JsonNode json, String path, List<String> allowed, Predicate<String> alsoAllowed, String alsoAllowedText) {
    this.path = path;
    if (json == null || !json.isObject()) {
      throw invalid(label(path), describe(json), "an object");
    }
    Map<String, String> spelled = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : json.properties()) {
      String written = field.getKey();
      String key = canonical(written);
      if (!allowed.contains(key) && !alsoAllowed.test(key)) {
        throw GatewayException.badRequest(at(written) + ": unknown key (allowed: " + String.join(", ", allowed)
            + alsoAllowedText + ")", HEADER);
      }
      String earlier = spelled.putIfAbsent(key, written);
      if (earlier != null) {
        throw GatewayException.badRequest(label(path) + ": '" + earlier + "' and '" + written
            + "' are the same key (expected: one of them)", HEADER);
      }
      if (!field.getValue().isNull()) {
        values.put(key, field.getValue());
      }
    }
  }

  ConfigObject(JsonNode json, String path, List<String> allowed) {
    this(json, path, allowed, key -> false, "");
  }

  /** {@code apiKey} → {@code api_key}; snake_case keys are returned as they are. */
  static String canonical(String key) {
    StringBuilder out = new StringBuilder(key.length() + 4);
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (Character.isUpperCase(c)) {
        out.append('_').append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    String snake = out.toString();
    return SYNONYMS.getOrDefault(snake, snake);
  }

  /** The path of one of this object's keys. */
  String at(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  boolean has(String key) {
    return values.containsKey(key);
  }

  JsonNode get(String key) {
    return values.get(key);
  }

  Set<String> keys() {
    return values.keySet();
  }

  String string(String key) {
    return text(key, false);
  }

  /** Like {@link #string} but an error names only the value's type, never the value. */
  String secret(String key) {
    return text(key, true);
  }

  private String text(String key, boolean secret) {
    JsonNode v = get(key);
    if (v == null) {
      return null;
    }
    if (!v.isTextual() || v.textValue().isEmpty()) {
      throw invalid(at(key), !secret ? describe(v) : v.isTextual() ? "empty" : JsonValueText.kind(v), "a non-empty string");
    }
    return v.textValue();
  }

  /** An integer in {@code min..max} ({@code max} = {@link Long#MAX_VALUE} for no upper bound), or null. */
  Long integer(String key, long min, long max) {
    JsonNode v = get(key);
    if (v == null) {
      return null;
    }
    String range = max == Long.MAX_VALUE ? ">= " + min : min + ".." + max;
    if (!v.isNumber() || !v.canConvertToExactIntegral() || !v.canConvertToLong()) {
      throw invalid(at(key), describe(v), "an integer " + range);
    }
    long n = v.longValue();
    if (n < min || n > max) {
      throw invalid(at(key), describe(v), range);
    }
    return n;
  }

  /** A finite number {@code >= min}, or {@code fallback} when absent. */
  double number(String key, double min, double fallback) {
    JsonNode v = get(key);
    if (v == null) {
      return fallback;
    }
    if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
      throw invalid(at(key), describe(v), "a number >= " + format(min));
    }
    if (v.doubleValue() < min) {
      throw invalid(at(key), describe(v), ">= " + format(min));
    }
    return v.doubleValue();
  }

  Boolean bool(String key) {
    JsonNode v = get(key);
    if (v == null) {
      return null;
    }
    if (!v.isBoolean()) {
      throw invalid(at(key), describe(v), "true or false");
    }
    return v.booleanValue();
  }

  ObjectNode object(String key) {
    JsonNode v = get(key);
    if (v == null) {
      return null;
    }
    if (!v.isObject()) {
      throw invalid(at(key), describe(v), "an object");
    }
    return (ObjectNode) v;
  }

  /** A non-empty array, or null when absent. */
  ArrayNode array(String key, String elements) {
    JsonNode v = get(key);
    if (v == null) {
      return null;
    }
    if (!v.isArray()) {
      throw invalid(at(key), describe(v), "a non-empty array of " + elements);
    }
    if (v.isEmpty()) {
      throw invalid(at(key), "empty", "a non-empty array of " + elements);
    }
    return (ArrayNode) v;
  }

  /** A non-empty array of HTTP statuses, or null when absent. */
  Set<Integer> statusCodes(String key) {
    ArrayNode codes = array(key, "HTTP status codes");
    if (codes == null) {
      return null;
    }
    Set<Integer> out = new LinkedHashSet<>();
    for (int i = 0; i < codes.size(); i++) {
      JsonNode code = codes.get(i);
      if (!code.isIntegralNumber() || code.intValue() < 100 || code.intValue() > 599) {
        throw invalid(at(key) + "[" + i + "]", describe(code), "an HTTP status code 100..599");
      }
      out.add(code.intValue());
    }
    return out;
  }

  /** A non-empty array of non-empty strings, or null when absent. */
  List<String> strings(String key, String elements) {
    ArrayNode items = array(key, elements);
    if (items == null) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      if (!item.isTextual() || item.textValue().isEmpty()) {
        throw invalid(at(key) + "[" + i + "]", describe(item), "a non-empty string");
      }
      out.add(item.textValue());
    }
    return out;
  }

  /** A plan path ({@code config.targets[1]}) as messages write it ({@code targets[1]}; the root is empty). */
  static String messagePath(String planPath) {
    return planPath.equals("config") ? "" : planPath.substring("config.".length());
  }

  /** How a path reads in a message: the config itself is {@code config}. */
  static String label(String path) {
    return path.isEmpty() ? "config" : path;
  }

  /** {@code <path>: <what> (expected: <expected>)}, as a 400 on {@code x-portkey-config}. */
  static GatewayException invalid(String path, String what, String expected) {
    return GatewayException.badRequest(path + ": " + what + " (expected: " + expected + ")", HEADER);
  }

  /** A value as a message shows it: numbers and booleans as written, strings quoted (long ones cut). */
  static String describe(JsonNode v) {
    return JsonValueText.describe(v);
  }

  private static String format(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
