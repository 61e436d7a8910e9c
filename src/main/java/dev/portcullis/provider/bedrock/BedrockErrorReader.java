package dev.portcullis.provider.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.error.GatewayException;
import dev.portcullis.provider.SecretRedactor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Reads Bedrock's errors: the exception name from the {@code x-amzn-errortype} header (e.g.
 * {@code ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/}) or the body's {@code __type},
 * and the text from the body's {@code message} (or {@code Message}). Exceptions inside an event stream name
 * themselves in lower camel case ({@code throttlingException}); both spellings give the same type.
 */
final class BedrockErrorReader {

  /** The HTTP status of each documented Bedrock runtime exception, for exceptions that arrive inside a stream. */
  private static final Map<String, Integer> STATUS = Map.ofEntries(
      Map.entry("ValidationException", 400),
      Map.entry("ServiceQuotaExceededException", 400),
      Map.entry("AccessDeniedException", 403),
      Map.entry("ResourceNotFoundException", 404),
      Map.entry("ModelTimeoutException", 408),
      Map.entry("ConflictException", 409),
      Map.entry("ModelErrorException", 424),
      Map.entry("ModelStreamErrorException", 424),
      Map.entry("ThrottlingException", 429),
      Map.entry("ModelNotReadyException", 429),
      Map.entry("InternalServerException", 500),
      Map.entry("ServiceUnavailableException", 503));
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_TEXT = 500;

  private BedrockErrorReader() {}

  /**
   * The gateway error for a non-2xx answer, its status kept.
   *
   * @param errorType the {@code x-amzn-errortype} header, or null
   * @param secrets credentials to remove from the text
   */
  static GatewayException.UpstreamError read(int status, String errorType, byte[] body, String... secrets) {
    JsonNode json = json(body);
    String type = exceptionName(errorType != null ? errorType : text(json, "__type"));
    String message = text(json, "message");
    if (message == null) {
      message = text(json, "Message");
    }
    if (message == null) {
      String raw = new String(body, StandardCharsets.UTF_8).strip();
      message = "provider 'bedrock' answered HTTP " + status + (raw.isEmpty() ? "" : ": "
          + (raw.length() > MAX_TEXT ? raw.substring(0, MAX_TEXT) + "..." : raw));
    }
    return new GatewayException.UpstreamError(status, type, redact(message, secrets), null, null);
  }

  /** The gateway error for an exception message inside an event stream; its status from the exception's name. */
  static GatewayException.UpstreamError streamException(String exceptionType, byte[] payload, String... secrets) {
    String type = exceptionName(exceptionType);
    return read(type == null ? 500 : STATUS.getOrDefault(type, 500), type, payload, secrets);
  }

  /** {@code ThrottlingException} from {@code ThrottlingException:http://...}, {@code throttlingException} or a
   * {@code com.amazon...#ThrottlingException} shape id; null when there is none. */
  static String exceptionName(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    String name = raw.strip();
    int colon = name.indexOf(':');
    if (colon >= 0) {
      name = name.substring(0, colon);
    }
    int hash = name.lastIndexOf('#');
    if (hash >= 0) {
      name = name.substring(hash + 1);
    }
    return name.isEmpty() ? null : Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  private static String redact(String text, String... secrets) {
    String out = SecretRedactor.redact(text, null);
    for (String secret : secrets) {
      out = SecretRedactor.redact(out, secret);
    }
    return out;
  }

  private static JsonNode json(byte[] body) {
    try {
      JsonNode node = JSON.readTree(body);
      return node != null && node.isObject() ? node : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static String text(JsonNode json, String field) {
    JsonNode v = json == null ? null : json.get(field);
    return v == null || !v.isTextual() ? null : v.asText();
  }
}
