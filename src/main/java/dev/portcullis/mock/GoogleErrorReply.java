package dev.portcullis.mock;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import java.util.Map;

/**
 * Answers an error in Google's shape, {@code {"error":{"code","message","status"}}}, with the status name and message
 * Google's APIs use for that HTTP status; a 429 also carries a {@code RetryInfo} detail, as Gemini's do.
 */
final class GoogleErrorReply {

  private static final BodyTemplate BODY = BodyTemplate.compile(
      "{\"error\":{\"code\":{{code}},\"message\":{{message}},\"status\":\"{{status}}\"{{details}}}}");
  private static final String RETRY_INFO =
      ",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"1s\"}]";

  private GoogleErrorReply() {}

  private record Shape(String status, String message) {}

  /** @param message the error text, or null for the status's usual one */
  static void send(HttpServerResponse response, long sequence, int status, String message) {
    Shape usual = shape(status);
    response.setStatusCode(status);
    response.headers()
        .set(HttpHeaders.CONTENT_TYPE, "application/json; charset=UTF-8")
        .set(MockExchange.REQUEST_ID, "req_mock_" + sequence);
    response.end(BODY.renderBuffer(Map.of(
        "code", Integer.toString(status),
        "message", BodyTemplate.jsonString(message == null ? usual.message() : message),
        "status", usual.status(),
        "details", status == 429 ? RETRY_INFO : "")));
  }

  private static Shape shape(int status) {
    return switch (status) {
      case 400 -> new Shape("INVALID_ARGUMENT", "Request contains an invalid argument.");
      case 401 -> new Shape("UNAUTHENTICATED", "Request had invalid authentication credentials.");
      case 403 -> new Shape("PERMISSION_DENIED", "The caller does not have permission.");
      case 404 -> new Shape("NOT_FOUND", "Requested entity was not found.");
      case 409 -> new Shape("ABORTED", "The request was aborted (mock upstream answered 409).");
      case 429 -> new Shape("RESOURCE_EXHAUSTED", "Resource has been exhausted (e.g. check quota).");
      case 500 -> new Shape("INTERNAL", "An internal error has occurred. Please retry or report in "
          + "https://developers.generativeai.google/guide/troubleshooting");
      case 503 -> new Shape("UNAVAILABLE", "The model is overloaded. Please try again later.");
      case 504 -> new Shape("DEADLINE_EXCEEDED", "The request timed out. Please try again.");
      default -> status < 500
          ? new Shape("FAILED_PRECONDITION", "Mock upstream answered " + status + ".")
          : new Shape("UNKNOWN", "Mock upstream answered " + status + ".");
    };
  }
}
