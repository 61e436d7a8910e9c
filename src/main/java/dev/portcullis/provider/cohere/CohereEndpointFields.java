package dev.portcullis.provider.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.error.GatewayException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields of an embeddings or rerank body that Cohere cannot take: dropped and named, or, under
 * {@code strict_open_ai_compliance}, refused with a 400 that names them (the chat codec's rule, for bodies that are
 * not chat requests). Also reads the typed fields those codecs share, failing with a 400 that names the field.
 */
final class CohereEndpointFields {

  private CohereEndpointFields() {}

  /**
   * @param read every field the codec reads
   * @throws GatewayException.BadRequest in strict mode, when anything would be dropped
   */
  static List<String> dropped(JsonNode body, Set<String> read, boolean strict) {
    List<String> dropped = new ArrayList<>(0);
    for (Map.Entry<String, JsonNode> field : body.properties()) {
      if (!read.contains(field.getKey()) && !field.getValue().isNull()) {
        dropped.add(field.getKey());
      }
    }
    if (strict && !dropped.isEmpty()) {
      throw GatewayException.badRequest("provider 'cohere' does not support: " + String.join(", ", dropped)
          + " (expected: a request without them, or strict_open_ai_compliance off to drop them)", dropped.getFirst());
    }
    return dropped;
  }

  /** The body as an object. */
  static JsonNode object(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw GatewayException.badRequest("body: not a JSON object (expected: a JSON object)");
    }
    return body;
  }

  /** The model to send: the target's, else the body's. */
  static String model(JsonNode body, String targetModel) {
    if (targetModel != null) {
      return targetModel;
    }
    String model = CohereJson.text(body, "model");
    if (model == null || model.isEmpty()) {
      throw GatewayException.badRequest("model: missing (expected: a Cohere model id such as 'embed-v4.0' or "
          + "'rerank-v3.5')", "model");
    }
    return model;
  }

  /** A positive integer field, or null when absent. */
  static Integer positive(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 1) {
      throw GatewayException.badRequest(field + ": " + value + " (expected: a positive integer)", field);
    }
    return value.intValue();
  }

  /** A string field, or null when absent. */
  static String string(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw GatewayException.badRequest(field + ": " + value + " (expected: a string)", field);
    }
    return value.textValue();
  }
}
