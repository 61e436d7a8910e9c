package dev.portcullis.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.error.GatewayException;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Reading admin request bodies with precise errors, and writing admin JSON answers. */
final class AdminJson {

  static final ObjectMapper MAPPER = new ObjectMapper();

  private AdminJson() {}

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
      throw GatewayException.badRequest("request body is not valid JSON: " + e.getOriginalMessage()
          + " at line " + e.getLocation().getLineNr() + " column " + e.getLocation().getColumnNr());
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

  static List<String> strings(ObjectNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return List.of();
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
}
