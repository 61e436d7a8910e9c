package dev.portcullis.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/**
 * Applies a routing target's {@code override_params} to a JSON body: each given field replaces the caller's. Only
 * used when a config sets overrides beyond the model, so the plain passthrough path never re-encodes a body.
 */
public final class BodyOverrides {

  private static final ObjectMapper JSON = new ObjectMapper();

  private BodyOverrides() {}

  /** True when {@code overrides} sets something other than {@code model} (which is patched in place). */
  public static boolean needed(ObjectNode overrides) {
    for (Iterator<String> it = overrides.fieldNames(); it.hasNext(); ) {
      if (!"model".equals(it.next())) {
        return true;
      }
    }
    return false;
  }

  public static Buffer apply(Buffer body, ObjectNode overrides) {
    try {
      JsonNode tree = JSON.readTree(body.getBytes());
      if (!(tree instanceof ObjectNode object)) {
        return body;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = overrides.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        object.set(e.getKey(), e.getValue());
      }
      return Buffer.buffer(JSON.writeValueAsBytes(object));
    } catch (IOException e) {
      throw new UncheckedIOException("body was checked as JSON before overrides apply", e);
    }
  }
}
