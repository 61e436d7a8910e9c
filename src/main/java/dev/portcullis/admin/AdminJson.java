package dev.portcullis.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.error.GatewayException;
import dev.portcullis.error.JsonSyntaxMessage;
import dev.portcullis.keys.Role;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/** Reading admin request bodies with precise errors, and writing admin JSON answers. */
final class AdminJson {

  static final ObjectMapper MAPPER = new ObjectMapper();

  private AdminJson() {}

  /** Runs blocking {@code work} on a worker thread and answers its JSON with {@code status}, or fails the context. */
  static void respond(RoutingContext ctx, int status, Callable<JsonNode> work) {
    ctx.vertx().executeBlocking(work, false).onSuccess(json -> send(ctx, status, json)).onFailure(ctx::fail);
  }

  static ObjectNode body(RoutingContext ctx) {
    String text = ctx.body().asString();
    if (text == null || text.isBlank()) {
      throw GatewayException.badRequest("request body is empty (expected: a JSON object)");
    }
    try {
      JsonNode node = MAPPER.readTree(text);
      if (!(node instanceof ObjectNode object)) {
        throw GatewayException.badRequest("request body is not a JSON object (expected: a JSON object)");
      }
      return object;
    } catch (JsonProcessingException e) {
      throw GatewayException.badRequest("request body is not valid JSON: " + JsonSyntaxMessage.describe(e));
    }
  }

  /** Refuses a field the route does not know, naming the ones it does. */
  static void only(ObjectNode body, Set<String> known) {
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!known.contains(field)) {
        throw GatewayException.badRequest(field + ": unknown field (expected one of: "
            + String.join(", ", new TreeSet<>(known)) + ")", field);
      }
    }
  }

  static String string(ObjectNode body, String field, boolean required) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw GatewayException.badRequest(field + ": missing (expected: a string)", field);
      }
      return null;
    }
    if (!v.isTextual()) {
      throw GatewayException.badRequest(field + ": " + v + " (expected: a string)", field);
    }
    return v.asText();
  }

  /** A list of non-empty strings, or null when the field is absent or null. */
  static List<String> strings(ObjectNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isArray()) {
      throw GatewayException.badRequest(field + ": " + v + " (expected: an array of strings)", field);
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      if (!v.get(i).isTextual() || v.get(i).asText().isBlank()) {
        throw GatewayException.badRequest(field + "[" + i + "]: " + v.get(i) + " (expected: a non-empty string)",
            field);
      }
      out.add(v.get(i).asText());
    }
    return out;
  }

  /** An object of string values, or null when the field is absent or null. */
  static Map<String, String> stringMap(ObjectNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isObject()) {
      throw GatewayException.badRequest(field + ": " + v + " (expected: an object of string values)", field);
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual()) {
        throw GatewayException.badRequest(field + "." + e.getKey() + ": " + e.getValue() + " (expected: a string)",
            field);
      }
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }

  static Boolean bool(ObjectNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isBoolean()) {
      throw GatewayException.badRequest(field + ": " + v + " (expected: true or false)", field);
    }
    return v.asBoolean();
  }

  /** A whole number in range, or null when absent or null. */
  static Long integer(ObjectNode body, String field, long min, long max) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber() || v.asLong() < min || v.asLong() > max) {
      throw GatewayException.badRequest(field + ": " + v + " (expected: an integer " + min + ".." + max + ")", field);
    }
    return v.asLong();
  }

  /** The {@code role} field, or null when absent. */
  static Role role(ObjectNode body) {
    String text = string(body, "role", false);
    try {
      return text == null ? null : Role.parse(text);
    } catch (IllegalArgumentException e) {
      throw GatewayException.badRequest(e.getMessage(), "role");
    }
  }

  static Instant instant(ObjectNode body, String field) {
    String text = string(body, field, false);
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw GatewayException.badRequest(field + ": '" + text + "' (expected: an ISO-8601 instant such as "
          + "2027-01-31T00:00:00Z)", field);
    }
  }

  static void send(RoutingContext ctx, int status, JsonNode json) {
    try {
      ctx.response().setStatusCode(status).putHeader("content-type", "application/json")
          .end(MAPPER.writeValueAsString(json));
    } catch (JsonProcessingException e) {
      ctx.fail(e);
    }
  }

  static ObjectNode list(List<? extends JsonNode> items) {
    ObjectNode out = MAPPER.createObjectNode();
    out.put("object", "list");
    out.putArray("data").addAll(items);
    return out;
  }

  /** A version number from the query, 1 or more. */
  static int version(String text) {
    try {
      int v = Integer.parseInt(text);
      if (v >= 1) {
        return v;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw GatewayException.badRequest("version: '" + text + "' (expected: a version number >= 1)", "version");
  }
}
