package dev.portcullis.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.error.GatewayException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code parameters} of one check, read with typed getters whose errors are a 400 naming the path, the value and
 * the expectation, e.g. {@code before_request_hooks[0].checks[1].parameters.minWords: -1 (expected: an integer >= 0)}.
 * Keys the check does not know are refused the same way (Portkey silently ignores them).
 */
final class CheckParams {

  /** Where config errors point: the routing config header. */
  static final String PARAM = "x-portkey-config";

  private final ObjectNode json;
  private final String path;

  CheckParams(JsonNode json, String path, List<String> known) {
    this.path = path;
    if (json == null || json.isNull()) {
      this.json = JsonNodeFactory.instance.objectNode();
    } else if (json instanceof ObjectNode o) {
      this.json = o;
    } else {
      throw invalid(path, json.getNodeType().name().toLowerCase(java.util.Locale.ROOT), "an object");
    }
    for (Map.Entry<String, JsonNode> field : this.json.properties()) {
      if (!known.contains(field.getKey()) && !field.getKey().equals("not")) {
        throw GatewayException.badRequest(path + "." + field.getKey() + ": unknown parameter (allowed: "
            + String.join(", ", withNot(known)) + ")", PARAM);
      }
    }
  }

  static GatewayException invalid(String path, String value, String expected) {
    return GatewayException.badRequest(path + ": " + value + " (expected: " + expected + ")", PARAM);
  }

  String at(String key) {
    return path + "." + key;
  }

  JsonNode get(String key) {
    return json.get(key);
  }

  String string(String key, boolean required) {
    JsonNode v = json.get(key);
    if (v == null || v.isNull()) {
      if (required) {
        throw invalid(at(key), "missing", "a string");
      }
      return null;
    }
    if (!v.isTextual()) {
      throw invalid(at(key), describe(v), "a string");
    }
    return v.asText();
  }

  boolean bool(String key, boolean fallback) {
    JsonNode v = json.get(key);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isBoolean()) {
      throw invalid(at(key), describe(v), "true or false");
    }
    return v.asBoolean();
  }

  Long integer(String key, long min, long max) {
    JsonNode v = json.get(key);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber() || v.asLong() < min || v.asLong() > max) {
      throw invalid(at(key), describe(v), "an integer " + min + ".." + max);
    }
    return v.asLong();
  }

  Double number(String key, double min, double max) {
    JsonNode v = json.get(key);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isNumber() || v.asDouble() < min || v.asDouble() > max) {
      throw invalid(at(key), describe(v), "a number " + min + ".." + max);
    }
    return v.asDouble();
  }

  /** A list of strings, or null when absent. */
  List<String> strings(String key, boolean required) {
    JsonNode v = json.get(key);
    if (v == null || v.isNull()) {
      if (required) {
        throw invalid(at(key), "missing", "a list of strings");
      }
      return null;
    }
    if (!v.isArray()) {
      throw invalid(at(key), describe(v), "a list of strings");
    }
    List<String> out = new ArrayList<>(v.size());
    for (int i = 0; i < v.size(); i++) {
      if (!v.get(i).isTextual()) {
        throw invalid(at(key) + "[" + i + "]", describe(v.get(i)), "a string");
      }
      out.add(v.get(i).asText());
    }
    return out;
  }

  /** Describes a value without quoting long text (it may be a secret). */
  static String describe(JsonNode v) {
    if (v.isTextual()) {
      String s = v.asText();
      return s.length() <= 40 ? "'" + s + "'" : "a string of " + s.length() + " characters";
    }
    if (v.isContainerNode()) {
      return v.isArray() ? "an array" : "an object";
    }
    return v.toString();
  }

  private static List<String> withNot(List<String> known) {
    List<String> all = new ArrayList<>(known);
    all.add("not");
    return all;
  }
}
