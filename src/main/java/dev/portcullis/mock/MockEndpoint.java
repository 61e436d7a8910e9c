package dev.portcullis.mock;

/** Answers requests to one path of the mock upstream. */
interface MockEndpoint {

  /**
   * Writes the whole answer.
   *
   * @throws InvalidRequestException when the request is malformed; the caller answers 400 with its message
   */
  void answer(MockExchange exchange);
}
