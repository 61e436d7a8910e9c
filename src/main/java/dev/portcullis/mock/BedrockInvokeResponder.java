package dev.portcullis.mock;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;

/**
 * {@code POST /model/{modelId}/invoke} for embedding models: Titan's {@code {"inputText"}} answers
 * {@code {"embedding", "inputTextTokenCount"}}, Cohere's {@code {"texts"}} answers one vector per text; the vectors
 * are the same deterministic ones {@code /v1/embeddings} gives.
 */
final class BedrockInvokeResponder implements MockEndpoint {

  private static final CharSequence APPLICATION_JSON = HttpHeaders.createOptimized("application/json");

  @Override
  public void fail(MockExchange exchange, int status, String message, String param) {
    BedrockErrorReply.send(exchange.request().response(), exchange.sequence(), status, message);
  }

  @Override
  public void answer(MockExchange exchange) {
    JsonNode body = BedrockConverseResponder.body(exchange.body());
    if (body.path("inputText").isTextual()) {
      String text = body.get("inputText").asText();
      exchange.send(APPLICATION_JSON, Buffer.buffer("{\"embedding\":"
          + EmbeddingResponder.floats(EmbeddingResponder.vector(text)) + ",\"inputTextTokenCount\":" + Math.max(1, text.length() / 4)
          + "}"));
      return;
    }
    if (body.path("texts").isArray()) {
      StringBuilder vectors = new StringBuilder("[");
      StringBuilder texts = new StringBuilder("[");
      for (JsonNode text : body.get("texts")) {
        vectors.append(vectors.length() > 1 ? "," : "").append(EmbeddingResponder.floats(EmbeddingResponder.vector(text.asText())));
        texts.append(texts.length() > 1 ? "," : "").append(BodyTemplate.jsonString(text.asText()));
      }
      exchange.send(APPLICATION_JSON, Buffer.buffer("{\"embeddings\":" + vectors + "],\"id\":"
          + "\"mock-" + exchange.sequence() + "\",\"response_type\":\"embeddings_floats\",\"texts\":" + texts + "]}"));
      return;
    }
    throw new InvalidRequestException("inputText", "Malformed input request: expected inputText (Titan) or texts "
        + "(Cohere)");
  }
}
