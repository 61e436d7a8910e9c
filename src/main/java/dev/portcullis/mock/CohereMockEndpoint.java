package dev.portcullis.mock;

/** An endpoint imitating Cohere's v2 API, whose errors take Cohere's shape. */
interface CohereMockEndpoint extends MockEndpoint {

  @Override
  default void fail(MockExchange exchange, int status, String message, String param) {
    CohereErrorReply.send(exchange, status, message);
  }
}
