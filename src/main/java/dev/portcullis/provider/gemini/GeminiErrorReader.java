package dev.portcullis.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.error.GatewayException;
import dev.portcullis.provider.SecretRedactor;
import dev.portcullis.provider.UpstreamErrorReader;
import io.vertx.core.buffer.Buffer;

/**
 * Google's error body, {@code {"error": {"code", "message", "status", "details"}}} (Vertex AI may wrap it in an
 * array), as the gateway's error: the HTTP status kept, {@code status} ({@code RESOURCE_EXHAUSTED},
 * {@code INVALID_ARGUMENT}...) as the type, the message kept, and the {@code reason} of an {@code ErrorInfo} detail
 * ({@code API_KEY_INVALID}...) as the code; credentials removed. Other bodies are read the generic way.
 */
public final class GeminiErrorReader {

  private GeminiErrorReader() {}

  public static GatewayException.UpstreamError read(String providerId, int status, Buffer body, String credential) {
    JsonNode root = GeminiJson.readOrNull(body.getBytes());
    JsonNode error = root == null ? null : (root.isArray() ? root.path(0) : root).get("error");
    if (error == null || !error.isObject() || !error.path("message").isTextual()) {
      return UpstreamErrorReader.read(providerId, status, body, credential);
    }
    return new GatewayException.UpstreamError(status, error.path("status").textValue(),
        SecretRedactor.redact(error.get("message").asText(), credential), null,
        SecretRedactor.redact(reason(error.get("details")), credential));
  }

  private static String reason(JsonNode details) {
    if (details != null && details.isArray()) {
      for (JsonNode detail : details) {
        if (detail.path("reason").isTextual()) {
          return detail.get("reason").asText();
        }
      }
    }
    return null;
  }
}
