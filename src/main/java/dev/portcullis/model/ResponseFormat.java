package dev.portcullis.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/** The shape the answer must take: free text, any JSON object, or JSON matching a schema. */
public sealed interface ResponseFormat
    permits ResponseFormat.Text, ResponseFormat.JsonObject, ResponseFormat.JsonSchema {

  static ResponseFormat text() {
    return new Text();
  }

  static ResponseFormat jsonObject() {
    return new JsonObject();
  }

  /** Free text (the default). */
  record Text() implements ResponseFormat {}

  /** Any valid JSON object ("JSON mode"). */
  record JsonObject() implements ResponseFormat {}

  /**
   * JSON that matches {@code schema} ("structured outputs").
   *
   * @param name schema name
   * @param description what the answer is for, or null
   * @param schema the JSON Schema, or null when not given
   * @param strict whether the provider must follow the schema exactly, or null when not said
   */
  record JsonSchema(String name, String description, JsonNode schema, Boolean strict) implements ResponseFormat {
    public JsonSchema {
      Objects.requireNonNull(name, "name");
    }
  }
}
