package dev.portcullis.mock;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import java.util.Map;

/**
 * Answers an error in OpenAI's shape, {@code {"error":{"message","type","param","code"}}}, with the type, code and
 * message the real API uses for that status (a 429 also carries {@code retry-after}).
 */
final class ErrorReply {

  private static final BodyTemplate BODY = BodyTemplate.compile(
      "{\"error\":{\"message\":{{message}},\"type\":\"{{type}}\",\"param\":{{param}},\"code\":\"{{code}}\"}}");
  private static final CharSequence APPLICATION_JSON = HttpHeaders.createOptimized("application/json");
  private static final CharSequence RETRY_AFTER = HttpHeaders.createOptimized("retry-after");

  private ErrorReply() {}

  private record Shape(String type, String code, String message) {}

  /**
   * @param message the error text, or null for the status's usual one
   * @param param the request field or header at fault, or null
   */
  static void send(HttpServerResponse response, long sequence, int status, String message, String param) {
    Shape usual = shape(status);
    send(response, sequence, status, new Shape(usual.type(), usual.code(), message == null ? usual.message() : message),
        param);
  }

  /** 404 for a method and path the mock does not serve, worded like OpenAI's. */
  static void sendInvalidUrl(HttpServerResponse response, long sequence, String method, String path) {
    send(response, sequence, 404,
        new Shape("invalid_request_error", "unknown_url", "Invalid URL (" + method + " " + path + ")"), null);
  }

  private static void send(HttpServerResponse response, long sequence, int status, Shape shape, String param) {
    Buffer body = BODY.renderBuffer(Map.of(
        "message", BodyTemplate.jsonString(shape.message()),
        "type", shape.type(),
        "param", param == null ? "null" : BodyTemplate.jsonString(param),
        "code", shape.code()));
    response.setStatusCode(status);
    response.headers()
        .set(HttpHeaders.CONTENT_TYPE, APPLICATION_JSON)
        .set(MockExchange.REQUEST_ID, "req_mock_" + sequence);
    if (status == 429) {
      response.headers().set(RETRY_AFTER, "1");
    }
    response.end(body);
  }

  private static Shape shape(int status) {
    return switch (status) {
      case 400 -> new Shape("invalid_request_error", "invalid_value", "Invalid request (mock upstream answered 400).");
      case 401 -> new Shape("invalid_request_error", "invalid_api_key",
          "Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.");
      case 403 -> new Shape("invalid_request_error", "permission_denied",
          "You are not allowed to use this model (mock upstream answered 403).");
      case 404 -> new Shape("invalid_request_error", "model_not_found",
          "The model does not exist or you do not have access to it.");
      case 408 -> new Shape("server_error", "timeout", "Request timed out.");
      case 429 -> new Shape("requests", "rate_limit_exceeded",
          "Rate limit reached for requests (mock upstream). Please try again in 1s.");
      case 500 -> new Shape("server_error", "server_error",
          "The server had an error while processing your request. Sorry about that!");
      case 502 -> new Shape("server_error", "bad_gateway", "Bad gateway.");
      case 503 -> new Shape("server_error", "service_unavailable",
          "The engine is currently overloaded, please try again later.");
      case 504 -> new Shape("server_error", "timeout", "Gateway timeout.");
      default -> status < 500
          ? new Shape("invalid_request_error", "mock_status_" + status, "Mock upstream answered " + status + ".")
          : new Shape("server_error", "mock_status_" + status, "Mock upstream answered " + status + ".");
    };
  }
}
