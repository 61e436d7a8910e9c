package dev.portcullis.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A function the model may call.
 *
 * @param name function name
 * @param description what it does, or null
 * @param parameters JSON Schema of its arguments, or null for none
 * @param strict whether the provider must follow the schema exactly, or null when not said
 */
public record Tool(String name, String description, JsonNode parameters, Boolean strict) {

  public Tool {
    Objects.requireNonNull(name, "name");
  }
}
