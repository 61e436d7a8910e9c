package dev.portcullis.mock;

/** Answers requests to one path of the mock upstream. */
interface MockEndpoint {

  /**
   * Writes the whole answer.
   *
   * @throws InvalidRequestException when the request is malformed; the caller answers 400 with its message
   */
  void answer(MockExchange exchange);

  /**
   * Answers an error the way this endpoint's API does (OpenAI's shape unless the endpoint says otherwise).
   *
   * @param message the error text, or null for the status's usual one
   * @param param the request field at fault, or null
   */
  default void fail(MockExchange exchange, int status, String message, String param) {
    ErrorReply.send(exchange.request().response(), exchange.sequence(), status, message, param);
  }
}
