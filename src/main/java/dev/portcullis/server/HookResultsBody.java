package dev.portcullis.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;

/**
 * Adds Portkey's {@code hook_results} to a JSON answer or error body. Only calls with guardrails pay for it: the
 * body is parsed and written once more.
 */
final class HookResultsBody {

  private static final ObjectMapper JSON = new ObjectMapper();

  private HookResultsBody() {}

  /** {@code json} (an object) with {@code hook_results} added; a body that is not an object is returned as it is. */
  static Buffer add(Buffer json, JsonNode hookResults) {
    try {
      if (JSON.readTree(json.getBytes()) instanceof ObjectNode body) {
        body.set("hook_results", hookResults);
        return Buffer.buffer(JSON.writeValueAsBytes(body));
      }
    } catch (IOException e) {
      // not JSON: sent as it is
    }
    return json;
  }

  /** The final event of an OpenAI-format stream that tells the client what its guardrails found. */
  static Buffer event(JsonNode hookResults) {
    ObjectNode chunk = JSON.createObjectNode();
    chunk.set("hook_results", hookResults);
    try {
      return Buffer.buffer("data: ").appendBytes(JSON.writeValueAsBytes(chunk)).appendString("\n\n");
    } catch (IOException e) {
      throw new IllegalStateException("a JSON tree always writes", e);
    }
  }
}
