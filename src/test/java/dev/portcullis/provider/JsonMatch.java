package dev.portcullis.provider;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Compares actual JSON with a fixture's expectation: field order ignored, a null field the same as an absent one,
 * {@code 1} the same number as {@code 1.0}, and the expected string {@code "<any>"} matching any present value.
 * A mismatch names its JSON path. Public for other fixture runners (the Anthropic dialect's).
 */
public final class JsonMatch {

  static final String ANY = "<any>";

  private JsonMatch() {}

  public static void assertMatches(JsonNode actual, JsonNode expected, String what) {
    String problem = mismatch(actual, expected, "$");
    if (problem != null) {
      fail("%s: %s%n actual:   %s%n expected: %s", what, problem, actual, expected);
    }
  }

  private static String mismatch(JsonNode actual, JsonNode expected, String path) {
    boolean actualAbsent = actual == null || actual.isNull() || actual.isMissingNode();
    boolean expectedAbsent = expected == null || expected.isNull() || expected.isMissingNode();
    if (expectedAbsent || actualAbsent) {
      return expectedAbsent == actualAbsent ? null
          : path + (actualAbsent ? " is missing (expected " + expected + ")" : " = " + actual + " (expected absent)");
    }
    if (expected.isTextual() && ANY.equals(expected.asText())) {
      return null;
    }
    if (expected.isObject()) {
      if (!actual.isObject()) {
        return path + " = " + actual + " (expected an object)";
      }
      Set<String> names = new HashSet<>();
      expected.fieldNames().forEachRemaining(names::add);
      actual.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        String problem = mismatch(actual.get(name), expected.get(name), path + "." + name);
        if (problem != null) {
          return problem;
        }
      }
      return null;
    }
    if (expected.isArray()) {
      if (!actual.isArray() || actual.size() != expected.size()) {
        return path + " has " + (actual.isArray() ? actual.size() + " elements" : "no array") + " (expected "
            + expected.size() + " elements)";
      }
      for (int i = 0; i < expected.size(); i++) {
        String problem = mismatch(actual.get(i), expected.get(i), path + "[" + i + "]");
        if (problem != null) {
          return problem;
        }
      }
      return null;
    }
    if (expected.isNumber() && actual.isNumber()) {
      return expected.decimalValue().compareTo(actual.decimalValue()) == 0 ? null
          : path + " = " + actual + " (expected " + expected + ")";
    }
    return expected.equals(actual) ? null : path + " = " + actual + " (expected " + expected + ")";
  }

  /** Checks that every expected header is present with its value ({@code "<any>"} for any value). */
  static void assertHeaders(io.vertx.core.MultiMap actual, JsonNode expected, String what) {
    for (Map.Entry<String, JsonNode> e : expected.properties()) {
      String value = actual.get(e.getKey());
      if (value == null) {
        fail("%s: header %s is missing (expected %s); headers: %s", what, e.getKey(), e.getValue().asText(), actual);
      }
      if (!ANY.equals(e.getValue().asText()) && !e.getValue().asText().equals(value)) {
        fail("%s: header %s = %s (expected %s)", what, e.getKey(), value, e.getValue().asText());
      }
    }
  }
}
