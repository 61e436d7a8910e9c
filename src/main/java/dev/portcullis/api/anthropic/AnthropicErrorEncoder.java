package dev.portcullis.api.anthropic;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.portcullis.error.GatewayException;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * Writes Anthropic's error object, {@code {"type":"error","error":{"type","message"}}}. The error type follows the
 * status, as Anthropic's clients read it; statuses Anthropic gives no type of their own keep the gateway's type
 * when it is one of Anthropic's, else fall back to {@code api_error} (5xx) or {@code invalid_request_error}.
 */
final class AnthropicErrorEncoder {

  /** Anthropic's error type for each status it documents one for. */
  private static final Map<Integer, String> TYPE_BY_STATUS = Map.of(
      400, "invalid_request_error",
      401, "authentication_error",
      402, "billing_error",
      403, "permission_error",
      404, "not_found_error",
      413, "request_too_large",
      429, "rate_limit_error",
      504, "timeout_error",
      529, "overloaded_error");
  private static final Set<String> ANTHROPIC_TYPES = Set.of(
      "invalid_request_error", "authentication_error", "billing_error", "permission_error", "not_found_error",
      "request_too_large", "rate_limit_error", "timeout_error", "api_error", "overloaded_error");

  private AnthropicErrorEncoder() {}

  static Buffer encode(GatewayException error) {
    return AnthropicJson.write(128, generator -> write(generator, error));
  }

  static void write(JsonGenerator generator, GatewayException error) throws IOException {
    generator.writeStartObject();
    generator.writeStringField("type", "error");
    generator.writeObjectFieldStart("error");
    generator.writeStringField("type", type(error));
    generator.writeStringField("message", error.getMessage());
    generator.writeEndObject();
    generator.writeEndObject();
  }

  static String type(GatewayException error) {
    String byStatus = TYPE_BY_STATUS.get(error.status());
    if (byStatus != null) {
      return byStatus;
    }
    if (ANTHROPIC_TYPES.contains(error.type())) {
      return error.type();
    }
    return error.status() >= 500 ? "api_error" : "invalid_request_error";
  }
}
