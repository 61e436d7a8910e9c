package dev.portcullis.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.error.GatewayException;

/**
 * A provider's {@code {"error": ...}} sent where a completion or a stream chunk was expected, as OpenAI does
 * mid-stream and some compatible servers do with status 200. It is raised as the provider's own error rather than
 * reported as a malformed document, so the client learns what the provider said.
 */
final class OpenAiProviderError {

  private OpenAiProviderError() {}

  /** Throws the provider's error when {@code document} is an error instead of a completion or chunk. */
  static void raiseIfPresent(ObjectNode document) {
    JsonNode error = document.get("error");
    if (error == null || error.isNull() || document.has("choices")) {
      return;
    }
    if (!error.isObject()) {
      throw new GatewayException.UpstreamError(502, "api_error", error.asText(), null, null);
    }
    String message = text(error, "message");
    throw new GatewayException.UpstreamError(
        502,
        text(error, "type"),
        message != null ? message : "the provider sent an error: " + FieldReader.render(error),
        text(error, "param"),
        text(error, "code"));
  }

  private static String text(JsonNode error, String field) {
    JsonNode value = error.get(field);
    return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
  }
}
