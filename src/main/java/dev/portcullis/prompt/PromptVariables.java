package dev.portcullis.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.portcullis.error.GatewayException;
import java.util.List;

/**
 * A call's variables against the prompt's {@code variables_schema}: defaults the schema gives fill the variables the
 * call left out, then the whole set must meet the schema (JSON Schema draft 2020-12 unless {@code $schema} names
 * another).
 */
final class PromptVariables {

  private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  private static final int SHOWN = 3;

  private PromptVariables() {}

  /** The schema as written, once proven usable; null when none is given. */
  static JsonNode schema(JsonNode schema) {
    if (schema == null || schema.isNull()) {
      return null;
    }
    if (!schema.isObject()) {
      throw GatewayException.badRequest("variables_schema: " + schema + " (expected: a JSON Schema object)",
          "variables_schema");
    }
    compile(schema);
    return schema;
  }

  /**
   * The call's variables with the schema's defaults filled in, checked against the schema.
   *
   * @param given the {@code variables} field of the call, or null
   * @throws GatewayException.BadRequest naming the variable that fails the schema
   */
  static ObjectNode resolve(JsonNode given, JsonNode schema) {
    if (given != null && !given.isNull() && !given.isObject()) {
      throw GatewayException.badRequest("variables: " + given + " (expected: an object of the template's variables)",
          "variables");
    }
    ObjectNode variables = given == null || given.isNull() ? PromptDefinition.JSON.createObjectNode()
        : ((ObjectNode) given).deepCopy();
    if (schema == null) {
      return variables;
    }
    JsonNode properties = schema.get("properties");
    if (properties != null && properties.isObject()) {
      properties.properties().forEach(p -> {
        JsonNode fallback = p.getValue().get("default");
        if (!variables.has(p.getKey()) && fallback != null) {
          variables.set(p.getKey(), fallback.deepCopy());
        }
      });
    }
    List<Error> errors = compile(schema).validate(variables.toString(), InputFormat.JSON);
    if (!errors.isEmpty()) {
      StringBuilder message = new StringBuilder();
      for (int i = 0; i < Math.min(SHOWN, errors.size()); i++) {
        Error e = errors.get(i);
        message.append(i == 0 ? "" : "; ").append(name(e)).append(": ").append(e.getMessage());
      }
      throw GatewayException.badRequest(message + " (expected: variables meeting the prompt's variables_schema)",
          name(errors.getFirst()));
    }
    return variables;
  }

  /** The variable an error is about, as {@code variables.count} ({@code variables} for the whole set). */
  private static String name(Error e) {
    String location = String.valueOf(e.getInstanceLocation());
    return "variables" + (location.startsWith("$") ? location.substring(1) : location.replace('/', '.'));
  }

  private static Schema compile(JsonNode schema) {
    try {
      return REGISTRY.getSchema(schema.toString(), InputFormat.JSON);
    } catch (RuntimeException e) {
      throw GatewayException.badRequest("variables_schema: not a usable JSON Schema (" + e.getMessage() + ")",
          "variables_schema");
    }
  }
}
