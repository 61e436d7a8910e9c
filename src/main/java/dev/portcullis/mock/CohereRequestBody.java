package dev.portcullis.mock;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A Cohere embed or rerank request read whole (these bodies are small and not on the benchmark path), with the
 * checks Cohere makes and its wording when one fails.
 */
record CohereRequestBody(JsonObject json) {

  static CohereRequestBody parse(Buffer body) {
    try {
      return new CohereRequestBody(new JsonObject(body));
    } catch (DecodeException | ClassCastException e) {
      throw new InvalidRequestException(null, "invalid request: body must be a JSON object.");
    }
  }

  String model() {
    String model = string("model");
    if (model == null || model.isEmpty()) {
      throw new InvalidRequestException("model", "invalid request: model is required.");
    }
    return model;
  }

  String string(String field) {
    Object value = json.getValue(field);
    if (value != null && !(value instanceof String)) {
      throw new InvalidRequestException(field, "invalid request: " + field + " must be a string.");
    }
    return (String) value;
  }

  /** A non-empty array of strings. */
  List<String> strings(String field) {
    Object value = json.getValue(field);
    if (!(value instanceof JsonArray array) || array.isEmpty()) {
      throw new InvalidRequestException(field, "invalid request: " + field + " must be a non-empty list of strings.");
    }
    List<String> out = new ArrayList<>(array.size());
    for (Object item : array) {
      if (!(item instanceof String text)) {
        throw new InvalidRequestException(field, "invalid request: " + field + " must be a list of strings.");
      }
      out.add(text);
    }
    return out;
  }

  /** A positive integer, or {@code fallback} when absent. */
  int positive(String field, int fallback) {
    Object value = json.getValue(field);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof Integer number) || number < 1) {
      throw new InvalidRequestException(field, "invalid request: " + field + " must be a positive integer.");
    }
    return number;
  }
}
