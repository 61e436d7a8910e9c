package dev.portcullis.mock;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import java.util.Map;

/**
 * Answers an error the way Bedrock runtime does: {@code {"message": ...}} with the exception's name in the
 * {@code x-amzn-ErrorType} header ({@code ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/}).
 */
final class BedrockErrorReply {

  private static final String ERROR_TYPE_SUFFIX = ":http://internal.amazon.com/coral/com.amazon.bedrock/";
  private static final CharSequence ERROR_TYPE = HttpHeaders.createOptimized("x-amzn-ErrorType");
  private static final CharSequence REQUEST_ID = HttpHeaders.createOptimized("x-amzn-RequestId");

  private record Shape(String exception, String message) {}

  private static final Map<Integer, Shape> SHAPES = Map.of(
      400, new Shape("ValidationException", "Malformed input request, please reformat your input and try again."),
      403, new Shape("AccessDeniedException", "You don't have access to the model with the specified model ID."),
      404, new Shape("ResourceNotFoundException", "The requested resource could not be found."),
      408, new Shape("ModelTimeoutException", "Model has timed out in processing the request."),
      424, new Shape("ModelErrorException", "The model returned an error while processing the request."),
      429, new Shape("ThrottlingException", "Too many requests, please wait before trying again."),
      500, new Shape("InternalServerException", "The server encountered an internal error."),
      503, new Shape("ServiceUnavailableException", "Bedrock is unable to process your request."));

  private BedrockErrorReply() {}

  /**
   * @param message the error text, or null for the status's usual one
   */
  static void send(HttpServerResponse response, long sequence, int status, String message) {
    Shape shape = SHAPES.getOrDefault(status, new Shape(status < 500 ? "ValidationException"
        : "InternalServerException", "Mock upstream answered " + status + "."));
    response.setStatusCode(status);
    response.headers()
        .set(HttpHeaders.CONTENT_TYPE, "application/json")
        .set(ERROR_TYPE, shape.exception() + ERROR_TYPE_SUFFIX)
        .set(REQUEST_ID, "req_mock_" + sequence);
    response.end("{\"message\":" + BodyTemplate.jsonString(message == null ? shape.message() : message) + "}");
  }
}
