package dev.portcullis.provider.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.error.GatewayException;
import dev.portcullis.provider.SecretRedactor;
import dev.portcullis.provider.StatusErrorType;
import dev.portcullis.provider.UpstreamErrorReader;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;

/**
 * Reads Cohere's error body, {@code {"id": "...", "message": "..."}} (older docs: {@code {"data": "..."}}), into
 * the provider's error: status kept, message kept with secrets removed, and the OpenAI type the status stands for,
 * since Cohere names none.
 */
final class CohereErrorReader {

  private CohereErrorReader() {}

  static GatewayException.UpstreamError read(int status, Buffer body, String credential) {
    String message = message(body);
    if (message == null) {
      return UpstreamErrorReader.read(CohereJson.PROVIDER, status, body, credential);
    }
    return new GatewayException.UpstreamError(status, StatusErrorType.of(status),
        SecretRedactor.redact(message, credential), null, null);
  }

  private static String message(Buffer body) {
    try {
      JsonNode root = CohereJson.MAPPER.readTree(body.getBytes());
      String message = CohereJson.text(root, "message");
      return message != null ? message : CohereJson.text(root, "data");
    } catch (IOException notJson) {
      return null;
    }
  }
}
