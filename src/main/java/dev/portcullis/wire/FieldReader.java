package dev.portcullis.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed access to one JSON object's fields that knows its own path, so every failure names the exact field
 * ({@code messages[2].role}), the value found and what was expected. A field set to JSON null reads as absent.
 * Public so other inbound dialects (Anthropic's) read their bodies with the same messages.
 */
public final class FieldReader {

  private static final int MAX_RENDERED_LENGTH = 60;

  private final ObjectNode node;
  private final String path;
  private final DecodeFailure failure;

  private FieldReader(ObjectNode node, String path, DecodeFailure failure) {
    this.node = node;
    this.path = path;
    this.failure = failure;
  }

  static FieldReader root(ObjectNode node, DecodeFailure failure) {
    return new FieldReader(node, "", failure);
  }

  /**
   * A reader over a client's request body, for another dialect's decoder: a body that is not a JSON object, and
   * every field that is wrong, is a {@link dev.portcullis.error.GatewayException.BadRequest} naming the path.
   */
  public static FieldReader requestBody(Buffer body) {
    return root(OpenAiJson.readObject(body, DecodeFailure.REQUEST), DecodeFailure.REQUEST);
  }

  /** The field's value, or null when it is absent or JSON null. */
  public JsonNode value(String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value;
  }

  public List<String> fieldNames() {
    return node.properties().stream().map(Map.Entry::getKey).toList();
  }

  public String string(String field) {
    JsonNode value = value(field);
    if (value == null) {
      return null;
    }
    if (!value.isTextual()) {
      throw invalid(field, value, "a string");
    }
    return value.textValue();
  }

  public String requiredString(String field) {
    String value = string(field);
    if (value == null) {
      throw missing(field, "a string");
    }
    return value;
  }

  /** The field's string value, which must be one of {@code allowed}; null when absent. */
  public String oneOf(String field, List<String> allowed) {
    JsonNode value = value(field);
    if (value == null) {
      return null;
    }
    if (!value.isTextual()) {
      throw invalid(field, value, "a string");
    }
    if (!allowed.contains(value.textValue())) {
      throw notOneOf(field, value.textValue(), allowed);
    }
    return value.textValue();
  }

  public String requiredOneOf(String field, List<String> allowed) {
    String value = oneOf(field, allowed);
    if (value == null) {
      throw failure.at(pathOf(field), pathOf(field) + ": missing (" + expectedOneOf(allowed) + ")");
    }
    return value;
  }

  public Double number(String field) {
    JsonNode value = value(field);
    if (value == null) {
      return null;
    }
    if (!value.isNumber()) {
      throw invalid(field, value, "a number");
    }
    return value.doubleValue();
  }

  public Integer integer(String field) {
    JsonNode value = value(field);
    if (value == null) {
      return null;
    }
    if (!value.isNumber() || !value.canConvertToExactIntegral() || !value.canConvertToInt()) {
      throw invalid(field, value, "an integer");
    }
    return value.intValue();
  }

  /** The field's integer, or {@code fallback} when absent (some compatible servers leave out positions). */
  public int integerOr(String field, int fallback) {
    Integer value = integer(field);
    return value == null ? fallback : value;
  }

  public Long longInteger(String field) {
    JsonNode value = value(field);
    if (value == null) {
      return null;
    }
    if (!value.isNumber() || !value.canConvertToExactIntegral() || !value.canConvertToLong()) {
      throw invalid(field, value, "an integer");
    }
    return value.longValue();
  }

  public long requiredLongInteger(String field) {
    Long value = longInteger(field);
    if (value == null) {
      throw missing(field, "an integer");
    }
    return value;
  }

  public Boolean bool(String field) {
    JsonNode value = value(field);
    if (value == null) {
      return null;
    }
    if (!value.isBoolean()) {
      throw invalid(field, value, "a boolean");
    }
    return value.booleanValue();
  }

  /** The field's object as JSON, or null when absent. */
  public ObjectNode objectNode(String field) {
    JsonNode value = value(field);
    if (value == null) {
      return null;
    }
    if (!value.isObject()) {
      throw invalid(field, value, "an object");
    }
    return (ObjectNode) value;
  }

  /** A reader for the field's object, or null when absent. */
  public FieldReader object(String field) {
    ObjectNode value = objectNode(field);
    return value == null ? null : new FieldReader(value, pathOf(field), failure);
  }

  public FieldReader requiredObject(String field) {
    FieldReader value = object(field);
    if (value == null) {
      throw missing(field, "an object");
    }
    return value;
  }

  /** Readers for the objects in the field's array; empty when the field is absent. */
  public List<FieldReader> objects(String field) {
    JsonNode value = value(field);
    if (value == null) {
      return List.of();
    }
    if (!value.isArray()) {
      throw invalid(field, value, "an array");
    }
    List<FieldReader> objects = new ArrayList<>(value.size());
    for (int i = 0; i < value.size(); i++) {
      JsonNode element = value.get(i);
      String elementPath = pathOf(field) + "[" + i + "]";
      if (!element.isObject()) {
        throw failure.at(elementPath, elementPath + ": " + render(element) + " (expected: an object)");
      }
      objects.add(new FieldReader((ObjectNode) element, elementPath, failure));
    }
    return objects;
  }

  public List<FieldReader> requiredObjects(String field) {
    if (value(field) == null) {
      throw missing(field, "an array");
    }
    return objects(field);
  }

  /** Readers for the objects in the field's array, which must be present and hold at least one. */
  public List<FieldReader> nonEmptyObjects(String field) {
    JsonNode value = value(field);
    if (value == null) {
      throw missing(field, "a non-empty array");
    }
    if (!value.isArray() || value.isEmpty()) {
      throw invalid(field, value, "a non-empty array");
    }
    return objects(field);
  }

  /**
   * The strings of the field's array; empty when the field is absent.
   *
   * @param expected what the field must be, for the message when it is anything else
   */
  public List<String> strings(String field, String expected) {
    JsonNode value = value(field);
    if (value == null) {
      return List.of();
    }
    if (!value.isArray()) {
      throw invalid(field, value, expected);
    }
    List<String> strings = new ArrayList<>(value.size());
    for (JsonNode element : value) {
      if (!element.isTextual()) {
        throw invalid(field, value, expected);
      }
      strings.add(element.textValue());
    }
    return strings;
  }

  /** The fields not named in {@code known}, as received and in order. */
  public Map<String, JsonNode> unknownFields(Set<String> known) {
    Map<String, JsonNode> unknown = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      if (!known.contains(field.getKey())) {
        unknown.put(field.getKey(), field.getValue());
      }
    }
    return unknown;
  }

  public String pathOf(String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  /** The field holds a value of the wrong kind. */
  public RuntimeException invalid(String field, JsonNode value, String expected) {
    return failure.at(pathOf(field), pathOf(field) + ": " + render(value) + " (expected: " + expected + ")");
  }

  public RuntimeException missing(String field, String expected) {
    return failure.at(pathOf(field), pathOf(field) + ": missing (expected: " + expected + ")");
  }

  /** The field holds a string that is not one of the allowed values. */
  public RuntimeException notOneOf(String field, String value, List<String> allowed) {
    return failure.at(pathOf(field), pathOf(field) + ": '" + shorten(value) + "' (" + expectedOneOf(allowed) + ")");
  }

  private static String expectedOneOf(List<String> allowed) {
    return allowed.size() == 1 ? "expected: " + allowed.getFirst() : "expected one of: " + String.join(", ", allowed);
  }

  /** The value as JSON, shortened so a huge value cannot flood an error message. */
  public static String render(JsonNode value) {
    return shorten(value.toString());
  }

  private static String shorten(String text) {
    return text.length() <= MAX_RENDERED_LENGTH ? text : text.substring(0, MAX_RENDERED_LENGTH - 3) + "...";
  }
}
