package dev.portcullis.mock;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import java.util.Map;

/**
 * Answers an error in Cohere's shape, {@code {"id": "...", "message": "..."}}, with the message the real API sends
 * for that status. Cohere names no error type or field; a field at fault is named in the message.
 */
final class CohereErrorReply {

  private static final BodyTemplate BODY = BodyTemplate.compile("{\"id\":\"{{id}}\",\"message\":{{message}}}");
  private static final CharSequence APPLICATION_JSON = HttpHeaders.createOptimized("application/json");

  private CohereErrorReply() {}

  /**
   * @param message the error text, or null for the status's usual one
   */
  static void send(MockExchange exchange, int status, String message) {
    HttpServerResponse response = exchange.request().response();
    response.setStatusCode(status);
    response.headers()
        .set(HttpHeaders.CONTENT_TYPE, APPLICATION_JSON)
        .set(MockExchange.REQUEST_ID, "req_mock_" + exchange.sequence());
    response.end(BODY.renderBuffer(Map.of(
        "id", "mock-error-" + exchange.sequence(),
        "message", BodyTemplate.jsonString(message != null ? message : usual(status)))));
  }

  private static String usual(int status) {
    return switch (status) {
      case 400 -> "invalid request: mock upstream answered 400.";
      case 401 -> "invalid api token";
      case 402 -> "Please add or update your payment method at https://dashboard.cohere.com/billing?tab=payment to "
          + "continue";
      case 404 -> "model not found, make sure the correct model ID was used and that you have access to the model.";
      case 429 -> "You are using a Trial key, which is limited to 20 API calls / minute. You can continue to use the "
          + "Trial key for free or upgrade to a Production key with higher rate limits (mock upstream).";
      case 499 -> "request cancelled";
      case 500 -> "internal server error, this has been reported to our developers.";
      default -> "mock upstream answered " + status + ".";
    };
  }
}
