package dev.portcullis.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Map;

/**
 * Writes JSON fields that are left out when absent (null), the way OpenAI omits unset optional fields; fields
 * OpenAI always sends, even as null, are written with {@link #nullable}.
 */
final class FieldWriter {

  private final JsonGenerator generator;

  FieldWriter(JsonGenerator generator) {
    this.generator = generator;
  }

  void string(String name, String value) throws IOException {
    if (value != null) {
      generator.writeStringField(name, value);
    }
  }

  /** Writes the field even when {@code value} is null. */
  void nullable(String name, String value) throws IOException {
    generator.writeStringField(name, value);
  }

  void number(String name, Integer value) throws IOException {
    if (value != null) {
      generator.writeNumberField(name, value);
    }
  }

  void number(String name, Long value) throws IOException {
    if (value != null) {
      generator.writeNumberField(name, value);
    }
  }

  void number(String name, Double value) throws IOException {
    if (value != null) {
      generator.writeNumberField(name, value);
    }
  }

  void bool(String name, Boolean value) throws IOException {
    if (value != null) {
      generator.writeBooleanField(name, value);
    }
  }

  void json(String name, JsonNode value) throws IOException {
    if (value != null) {
      generator.writeFieldName(name);
      generator.writeTree(value);
    }
  }

  /** Writes the field even when {@code value} is null. */
  void nullableJson(String name, JsonNode value) throws IOException {
    generator.writeFieldName(name);
    if (value == null) {
      generator.writeNull();
    } else {
      generator.writeTree(value);
    }
  }

  /** Writes fields kept from a decoded document back unchanged. */
  void fields(Map<String, JsonNode> fields) throws IOException {
    for (Map.Entry<String, JsonNode> field : fields.entrySet()) {
      json(field.getKey(), field.getValue());
    }
  }

  void fieldName(String name) throws IOException {
    generator.writeFieldName(name);
  }

  void startObject() throws IOException {
    generator.writeStartObject();
  }

  void startObject(String name) throws IOException {
    generator.writeObjectFieldStart(name);
  }

  void endObject() throws IOException {
    generator.writeEndObject();
  }

  void startArray(String name) throws IOException {
    generator.writeArrayFieldStart(name);
  }

  void endArray() throws IOException {
    generator.writeEndArray();
  }

  void stringValue(String value) throws IOException {
    generator.writeString(value);
  }
}
