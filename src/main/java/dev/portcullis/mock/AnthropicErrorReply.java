package dev.portcullis.mock;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import java.util.Map;

/**
 * Answers an error on Anthropic's paths in Anthropic's shape,
 * {@code {"type":"error","error":{"type","message"},"request_id"}}, with the type Anthropic documents for the
 * status (529 {@code overloaded_error}, 429 {@code rate_limit_error} with {@code retry-after}...).
 */
final class AnthropicErrorReply {

  private static final BodyTemplate BODY = BodyTemplate.compile(
      "{\"type\":\"error\",\"error\":{\"type\":\"{{type}}\",\"message\":{{message}}},"
          + "\"request_id\":\"req_mock_{{seq}}\"}");
  private static final CharSequence APPLICATION_JSON = HttpHeaders.createOptimized("application/json");
  private static final CharSequence REQUEST_ID = HttpHeaders.createOptimized("request-id");
  private static final CharSequence RETRY_AFTER = HttpHeaders.createOptimized("retry-after");

  private record Shape(String type, String message) {}

  /** The documented error type of each status, with a message like the real one. */
  private static final Map<Integer, Shape> SHAPES = Map.ofEntries(
      Map.entry(400, new Shape("invalid_request_error", "Invalid request (mock upstream answered 400).")),
      Map.entry(401, new Shape("authentication_error", "invalid x-api-key")),
      Map.entry(402, new Shape("billing_error", "Your credit balance is too low to access the Anthropic API.")),
      Map.entry(403, new Shape("permission_error",
          "Your API key does not have permission to use the specified resource.")),
      Map.entry(404, new Shape("not_found_error", "The requested resource could not be found.")),
      Map.entry(413, new Shape("request_too_large", "Request exceeds the maximum allowed number of bytes.")),
      Map.entry(429, new Shape("rate_limit_error",
          "This request would exceed the rate limit for your organization (mock upstream). Please try again in 1s.")),
      Map.entry(500, new Shape("api_error", "Internal server error")),
      Map.entry(504, new Shape("timeout_error", "Request timed out")),
      Map.entry(529, new Shape("overloaded_error", "Overloaded")));

  private AnthropicErrorReply() {}

  /** @param message the error text, or null for the status's usual one */
  static void send(HttpServerResponse response, long sequence, int status, String message) {
    Shape shape = SHAPES.getOrDefault(status, new Shape(status < 500 ? "invalid_request_error" : "api_error",
        "Mock upstream answered " + status + "."));
    response.setStatusCode(status);
    response.headers()
        .set(HttpHeaders.CONTENT_TYPE, APPLICATION_JSON)
        .set(REQUEST_ID, "req_mock_" + sequence);
    if (status == 429) {
      response.headers().set(RETRY_AFTER, "1");
    }
    response.end(BODY.renderBuffer(Map.of(
        "type", shape.type(),
        "message", BodyTemplate.jsonString(message == null ? shape.message() : message),
        "seq", Long.toString(sequence))));
  }
}
