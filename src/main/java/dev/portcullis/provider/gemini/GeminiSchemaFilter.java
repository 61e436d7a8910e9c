package dev.portcullis.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.error.GatewayException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a JSON Schema (tool parameters, a {@code json_schema} response format) into the OpenAPI 3.0 subset that
 * Gemini's {@code Schema} takes. Gemini answers 400 to keywords outside that subset, so they are removed here:
 * <ul>
 *   <li>kept: the keywords in {@link #KEPT}, and {@code format} only when it is one of {@link #KEPT_FORMATS};</li>
 *   <li>rewritten: {@code $ref} into {@code $defs}/{@code definitions} is inlined, a one-element {@code allOf} is
 *       merged, {@code oneOf} becomes {@code anyOf}, {@code const} becomes a one-value {@code enum}, enum values
 *       become strings, a type list such as {@code ["string","null"]} and a {@code {"type":"null"}} alternative
 *       become {@code nullable}, a schema without a type is typed {@code string} when it has an {@code enum} and
 *       {@code object} when it has {@code properties}, and {@code required} keeps only names that are
 *       properties;</li>
 *   <li>removed: everything else ({@code additionalProperties}, {@code $schema}, {@code $id}, {@code $defs},
 *       {@code examples}, {@code exclusiveMinimum}, {@code exclusiveMaximum}, {@code multipleOf},
 *       {@code uniqueItems}, {@code patternProperties}, {@code not}, {@code if}/{@code then}/{@code else},
 *       {@code strict}...), and an empty {@code properties} map, which Gemini refuses for objects.</li>
 * </ul>
 * A recursive schema cannot be said in Gemini's subset: it is refused with a 400 naming the field.
 */
final class GeminiSchemaFilter {

  /** Keywords Gemini's Schema has, copied as they are. */
  private static final Set<String> KEPT = Set.of("title", "description", "nullable", "default", "example",
      "minItems", "maxItems", "minProperties", "maxProperties", "minLength", "maxLength", "pattern", "minimum",
      "maximum", "propertyOrdering");
  /** String formats the Gemini API accepts (others are answered with 400), and the numeric ones. */
  private static final Set<String> KEPT_FORMATS = Set.of("enum", "date-time", "float", "double", "int32", "int64");
  private static final int MAX_DEPTH = 32;

  private final JsonNode root;
  private final String param;

  private GeminiSchemaFilter(JsonNode root, String param) {
    this.root = root;
    this.param = param;
  }

  /**
   * A function's parameters in Gemini's form, or null when the function takes none (Gemini refuses an object
   * schema without properties).
   *
   * @param param the request field the schema came from, named in errors
   */
  static ObjectNode parameters(JsonNode schema, String param) {
    if (schema == null || schema.isNull()) {
      return null;
    }
    ObjectNode filtered = schema(schema, param);
    boolean noArguments = "object".equals(filtered.path("type").asText()) && !filtered.has("properties");
    return noArguments ? null : filtered;
  }

  /**
   * A schema in Gemini's form.
   *
   * @param param the request field the schema came from, named in errors
   * @throws GatewayException.BadRequest when it is not an object, is recursive, or has a {@code $ref} that points
   *     nowhere
   */
  static ObjectNode schema(JsonNode schema, String param) {
    if (!schema.isObject()) {
      throw GatewayException.badRequest(param + ": " + schema.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
          + " (expected: a JSON Schema object)", param);
    }
    return new GeminiSchemaFilter(schema, param).node(schema, 0);
  }

  private ObjectNode node(JsonNode schema, int depth) {
    if (depth > MAX_DEPTH) {
      throw GatewayException.badRequest(param + ": nested deeper than " + MAX_DEPTH + " levels or recursive "
          + "(expected: a schema without recursion; Gemini's schema cannot refer to itself)", param);
    }
    ObjectNode out = GeminiJson.object();
    if (!schema.isObject()) {
      return out;
    }
    ObjectNode source = resolve((ObjectNode) schema, depth);
    List<JsonNode> alternatives = new ArrayList<>();
    type(source.get("type"), out, alternatives);
    for (Map.Entry<String, JsonNode> field : source.properties()) {
      String name = field.getKey();
      JsonNode value = field.getValue();
      switch (name) {
        case "properties" -> properties(value, out, depth);
        case "items" -> {
          if (value.isObject()) {
            out.set("items", node(value, depth + 1));
          }
        }
        case "anyOf", "oneOf" -> {
          if (value.isArray()) {
            value.forEach(alternatives::add);
          }
        }
        case "enum" -> {
          if (value.isArray()) {
            ArrayNode values = out.putArray("enum");
            value.forEach(v -> values.add(v.isTextual() ? v.asText() : v.toString()));
          }
        }
        case "const" -> out.putArray("enum").add(value.isTextual() ? value.asText() : value.toString());
        case "format" -> {
          if (KEPT_FORMATS.contains(value.asText())) {
            out.set("format", value);
          }
        }
        default -> {
          if (KEPT.contains(name)) {
            out.set(name, value.deepCopy());
          }
        }
      }
    }
    alternatives(alternatives, out, depth);
    if (!out.has("type") && !out.has("anyOf")) {
      if (out.has("enum")) {
        out.put("type", "string");
      } else if (out.has("properties")) {
        out.put("type", "object");
      }
    }
    required(source.get("required"), out);
    return out;
  }

  /** Follows {@code $ref}s and merges a one-element {@code allOf}; the referring node's own keys win. */
  private ObjectNode resolve(ObjectNode schema, int depth) {
    ObjectNode current = schema;
    int hops = 0;
    while (true) {
      if (current.has("$ref")) {
        String ref = current.get("$ref").asText();
        JsonNode target = ref.startsWith("#") ? root.at(ref.substring(1)) : null;
        if (target == null || !target.isObject()) {
          throw GatewayException.badRequest(param + ": $ref '" + ref + "' points nowhere (expected: a reference "
              + "into the schema's own $defs or definitions)", param);
        }
        current = merged((ObjectNode) target, current, "$ref");
      } else if (current.path("allOf").isArray() && current.get("allOf").size() == 1
          && current.get("allOf").get(0).isObject()) {
        current = merged((ObjectNode) current.get("allOf").get(0), current, "allOf");
      } else {
        return current;
      }
      if (depth + ++hops > MAX_DEPTH) {
        throw GatewayException.badRequest(param + ": $ref chain longer than " + MAX_DEPTH + " or recursive "
            + "(expected: a schema without recursion; Gemini's schema cannot refer to itself)", param);
      }
    }
  }

  private static ObjectNode merged(ObjectNode base, ObjectNode referrer, String replaced) {
    ObjectNode merged = base.deepCopy();
    referrer.properties().forEach(e -> {
      if (!e.getKey().equals(replaced)) {
        merged.set(e.getKey(), e.getValue());
      }
    });
    return merged;
  }

  /** {@code "type": "string"} as it is; a type list split into one type plus {@code nullable}, or alternatives. */
  private static void type(JsonNode type, ObjectNode out, List<JsonNode> alternatives) {
    if (type == null) {
      return;
    }
    if (type.isTextual()) {
      if (type.asText().equals("null")) {
        out.put("nullable", true);
      } else {
        out.set("type", type);
      }
      return;
    }
    if (type.isArray()) {
      List<String> types = new ArrayList<>();
      for (JsonNode t : type) {
        if (t.asText().equals("null")) {
          out.put("nullable", true);
        } else {
          types.add(t.asText());
        }
      }
      if (types.size() == 1) {
        out.put("type", types.getFirst());
      } else {
        types.forEach(t -> alternatives.add(GeminiJson.object().put("type", t)));
      }
    }
  }

  private void properties(JsonNode properties, ObjectNode out, int depth) {
    if (!properties.isObject() || properties.isEmpty()) {
      return;
    }
    ObjectNode filtered = out.putObject("properties");
    properties.properties().forEach(e -> filtered.set(e.getKey(), node(e.getValue(), depth + 1)));
  }

  /** {@code anyOf}, with a {@code null} alternative turned into {@code nullable} and a single one merged in. */
  private void alternatives(List<JsonNode> alternatives, ObjectNode out, int depth) {
    List<ObjectNode> kept = new ArrayList<>();
    for (JsonNode alternative : alternatives) {
      if (alternative.isObject() && alternative.size() == 1 && "null".equals(alternative.path("type").asText())) {
        out.put("nullable", true);
      } else {
        kept.add(node(alternative, depth + 1));
      }
    }
    if (kept.size() == 1 && !out.has("type")) {
      kept.getFirst().properties().forEach(e -> {
        if (!out.has(e.getKey())) {
          out.set(e.getKey(), e.getValue());
        }
      });
    } else if (!kept.isEmpty()) {
      out.putArray("anyOf").addAll(kept);
    }
  }

  private static void required(JsonNode required, ObjectNode out) {
    JsonNode properties = out.get("properties");
    if (required == null || !required.isArray() || properties == null) {
      return;
    }
    ArrayNode kept = GeminiJson.MAPPER.createArrayNode();
    required.forEach(name -> {
      if (properties.has(name.asText())) {
        kept.add(name.asText());
      }
    });
    if (!kept.isEmpty()) {
      out.set("required", kept);
    }
  }
}
