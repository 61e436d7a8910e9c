package dev.portcullis.mock;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A response text with named {@code {{slots}}}, split once into constant segments so that answering a request
 * only copies text and the few values that vary (id, model, content), and encodes it to bytes once.
 */
final class BodyTemplate {

  private final String[] constants;
  private final String[] slots;
  private final int constantLength;

  private BodyTemplate(String[] constants, String[] slots) {
    this.constants = constants;
    this.slots = slots;
    int length = 0;
    for (String constant : constants) {
      length += constant.length();
    }
    this.constantLength = length;
  }

  static BodyTemplate compile(String text) {
    List<String> constants = new ArrayList<>();
    List<String> slots = new ArrayList<>();
    int from = 0;
    for (int open = text.indexOf("{{"); open >= 0; open = text.indexOf("{{", from)) {
      int close = text.indexOf("}}", open);
      if (close < 0) {
        throw new IllegalArgumentException("template: unclosed slot at " + open + " in " + text);
      }
      constants.add(text.substring(from, open));
      slots.add(text.substring(open + 2, close));
      from = close + 2;
    }
    constants.add(text.substring(from));
    return new BodyTemplate(constants.toArray(String[]::new), slots.toArray(String[]::new));
  }

  /** Appends the text with each slot replaced by its value, written as is (already JSON where needed). */
  StringBuilder render(StringBuilder out, Map<String, String> values) {
    for (int i = 0; i < slots.length; i++) {
      String value = values.get(slots[i]);
      if (value == null) {
        throw new IllegalStateException("template: no value for slot '" + slots[i] + "'");
      }
      out.append(constants[i]).append(value);
    }
    return out.append(constants[slots.length]);
  }

  String render(Map<String, String> values) {
    return render(new StringBuilder(constantLength + 64), values).toString();
  }

  Buffer renderBuffer(Map<String, String> values) {
    return Buffer.buffer(render(values));
  }

  /** A JSON string literal, quotes included. */
  static String jsonString(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == '"' || c == '\\' || c > 0x7e) {
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + '"';
      }
    }
    return '"' + text + '"';
  }
}
