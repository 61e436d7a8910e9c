package dev.portcullis.docs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * The shape of an answer as a page shows it: JSON in which {@code ...} (or {@code …}) outside strings stands for
 * whatever the page leaves out. An answer has the shape when it has every field shown, each of the type shown
 * (string, number, boolean, object, array; {@code null} shown means any value), every array element shown at the same
 * place, and any further fields or elements. Values themselves are not compared: ids, times and counts differ from
 * run to run.
 */
final class JsonShape {

  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_TRAILING_COMMA).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  private final JsonNode shown;

  private JsonShape(JsonNode shown) {
    this.shown = shown;
  }

  /** Reads what a ```json block shows; fails naming the problem when it is not JSON apart from the ellipses. */
  static JsonShape parse(String text) {
    try {
      JsonNode node = JSON.readTree(withoutEllipses(text));
      if (node == null || node.isMissingNode()) {
        throw new IllegalArgumentException("the ```json block is empty (expected: one JSON value)");
      }
      return new JsonShape(node);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the ```json block is not JSON, ellipses aside (expected: one JSON value): "
          + e.getOriginalMessage(), e);
    }
  }

  /** How {@code answer} differs from the shape, one line per difference; empty when it has the shape. */
  List<String> mismatches(JsonNode answer) {
    List<String> out = new ArrayList<>();
    compare(shown, answer, "$", out);
    return out;
  }

  private static void compare(JsonNode shown, JsonNode actual, String path, List<String> out) {
    if (shown.isNull()) {
      return;
    }
    if (!typeOf(shown).equals(typeOf(actual))) {
      out.add(path + ": " + typeOf(actual) + " (the page shows " + typeOf(shown) + ")");
      return;
    }
    if (shown.isObject()) {
      shown.properties().forEach(field -> {
        JsonNode value = actual.get(field.getKey());
        if (value == null) {
          out.add(path + "." + field.getKey() + ": missing (the page shows it)");
        } else {
          compare(field.getValue(), value, path + "." + field.getKey(), out);
        }
      });
    } else if (shown.isArray()) {
      for (int i = 0; i < shown.size(); i++) {
        if (i >= actual.size()) {
          out.add(path + ": " + actual.size() + " elements (the page shows " + shown.size() + ")");
          return;
        }
        compare(shown.get(i), actual.get(i), path + "[" + i + "]", out);
      }
    }
  }

  private static String typeOf(JsonNode node) {
    return node.isNumber() ? "number" : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * The text with every ellipsis outside strings removed, and the commas that leaves dangling ({@code [, x]},
   * {@code {a, , b}}, {@code {a, }}) with it.
   */
  static String withoutEllipses(String text) {
    StringBuilder out = new StringBuilder();
    boolean inString = false;
    int lastSignificant = -1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inString) {
        out.append(c);
        if (c == '\\' && i + 1 < text.length()) {
          out.append(text.charAt(++i));
        } else if (c == '"') {
          inString = false;
          lastSignificant = out.length() - 1;
        }
        continue;
      }
      if (text.startsWith("...", i)) {
        i += 2;
        continue;
      }
      if (c == '…') {
        continue;
      }
      if (c == ',' && (lastSignificant < 0 || "{[,".indexOf(out.charAt(lastSignificant)) >= 0)) {
        continue;
      }
      if ((c == '}' || c == ']') && lastSignificant >= 0 && out.charAt(lastSignificant) == ',') {
        out.deleteCharAt(lastSignificant);
      }
      out.append(c);
      if (c == '"') {
        inString = true;
      }
      if (!Character.isWhitespace(c)) {
        lastSignificant = out.length() - 1;
      }
    }
    return out.toString();
  }
}
