package dev.portcullis.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.error.GatewayException;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;

/**
 * Turns a provider's error response into the gateway's error, keeping the provider's status, type, code, param and
 * message, with every credential removed.
 */
public final class UpstreamErrorReader {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_TEXT = 500;

  private UpstreamErrorReader() {}

  public static GatewayException.UpstreamError read(String providerId, int status, Buffer body, String credential) {
    JsonNode error = errorNode(body);
    if (error == null) {
      String text = body.length() == 0 ? "(empty body)" : body.toString(java.nio.charset.StandardCharsets.UTF_8);
      if (text.length() > MAX_TEXT) {
        text = text.substring(0, MAX_TEXT) + "...";
      }
      return new GatewayException.UpstreamError(status, null, SecretRedactor.redact(
          "provider '" + providerId + "' answered HTTP " + status + ": " + text.strip(), credential), null, null);
    }
    String message = error.isTextual() ? error.asText() : text(error, "message");
    if (message == null) {
      message = "provider '" + providerId + "' answered HTTP " + status;
    }
    return new GatewayException.UpstreamError(status,
        error.isObject() ? text(error, "type") : null,
        SecretRedactor.redact(message, credential),
        error.isObject() ? SecretRedactor.redact(text(error, "param"), credential) : null,
        error.isObject() ? SecretRedactor.redact(text(error, "code"), credential) : null);
  }

  private static JsonNode errorNode(Buffer body) {
    try {
      JsonNode root = JSON.readTree(body.getBytes());
      if (root == null || !root.isObject()) {
        return null;
      }
      JsonNode error = root.get("error");
      if (error != null && (error.isObject() || error.isTextual())) {
        return error;
      }
      return root.has("message") ? root : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
