package dev.portcullis.condition;

import com.fasterxml.jackson.databind.JsonNode;

/** A JSON value as an error message shows it: numbers and booleans as written, strings quoted (long ones cut). */
public final class JsonValueText {

  private JsonValueText() {}

  public static String describe(JsonNode v) {
    if (v == null || v.isNull() || v.isMissingNode()) {
      return "null";
    }
    if (v.isTextual()) {
      String text = v.textValue();
      return "'" + (text.length() > 60 ? text.substring(0, 60) + "..." : text) + "'";
    }
    if (v.isNumber() || v.isBoolean()) {
      return v.asText();
    }
    return kind(v);
  }

  /** What sort of value it is: {@code an object}, {@code a string}... */
  public static String kind(JsonNode v) {
    return switch (v.getNodeType()) {
      case OBJECT, POJO -> "an object";
      case ARRAY -> "an array";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      default -> "null";
    };
  }
}
