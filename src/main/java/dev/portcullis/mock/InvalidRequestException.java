package dev.portcullis.mock;

/** A request the mock answers with 400 {@code invalid_request_error}, naming the field at fault. */
final class InvalidRequestException extends RuntimeException {

  private final String param;

  /**
   * @param param the request field at fault, or null when the body as a whole is wrong
   * @param message what was wrong and what was expected
   */
  InvalidRequestException(String param, String message) {
    super(message, null, false, false);
    this.param = param;
  }

  String param() {
    return param;
  }
}
