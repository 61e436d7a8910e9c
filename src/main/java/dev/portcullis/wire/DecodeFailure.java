package dev.portcullis.wire;

import dev.portcullis.error.GatewayException;

/**
 * Whose JSON failed to decode, which decides the error: a client's request is a 400 naming the field at fault; a
 * provider's response or stream chunk is a 502, since the client did nothing wrong.
 */
enum DecodeFailure {
  REQUEST("request body") {
    @Override
    RuntimeException at(String param, String detail) {
      return GatewayException.badRequest(detail, param);
    }
  },
  RESPONSE("body") {
    @Override
    RuntimeException at(String param, String detail) {
      return upstream("invalid chat completion from the provider: " + detail);
    }
  },
  CHUNK("chunk") {
    @Override
    RuntimeException at(String param, String detail) {
      return upstream("invalid stream chunk from the provider: " + detail);
    }
  };

  private final String subject;

  DecodeFailure(String subject) {
    this.subject = subject;
  }

  /** What the whole document is called in messages, e.g. "request body". */
  String subject() {
    return subject;
  }

  /**
   * The exception to throw.
   *
   * @param param the JSON path at fault, or null when the document as a whole is
   * @param detail what is wrong, naming the path, the value and the expectation
   */
  abstract RuntimeException at(String param, String detail);

  private static RuntimeException upstream(String message) {
    return new GatewayException.UpstreamError(502, "api_error", message, null, "invalid_upstream_response");
  }
}
