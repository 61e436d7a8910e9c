package dev.portcullis.mock;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * {@code POST /v2/embed} the way Cohere answers it: {@code embeddings.float}, one vector per text (the same
 * deterministic vectors as the OpenAI embeddings endpoint), the texts echoed, and billed input tokens in
 * {@code meta}. Like Cohere, it requires {@code input_type}; it answers float embeddings only.
 */
final class CohereEmbedResponder implements CohereMockEndpoint {

  @Override
  public void answer(MockExchange exchange) {
    CohereRequestBody request = CohereRequestBody.parse(exchange.body());
    request.model();
    List<String> texts = request.strings("texts");
    if (request.string("input_type") == null) {
      throw new InvalidRequestException("input_type",
          "invalid request: valid input_type must be provided with the provided model");
    }
    JsonArray types = request.json().getJsonArray("embedding_types", new JsonArray().add("float"));
    if (!types.equals(new JsonArray().add("float"))) {
      throw new InvalidRequestException("embedding_types",
          "invalid request: the mock upstream answers embedding_types [\"float\"] only.");
    }
    JsonArray vectors = new JsonArray();
    for (String text : texts) {
      JsonArray vector = new JsonArray();
      for (float value : EmbeddingResponder.vector(text)) {
        vector.add(value);
      }
      vectors.add(vector);
    }
    JsonObject answer = new JsonObject()
        .put("id", "mock-embed-" + exchange.sequence())
        .put("embeddings", new JsonObject().put("float", vectors))
        .put("texts", new JsonArray(List.copyOf(texts)))
        .put("meta", new JsonObject()
            .put("api_version", new JsonObject().put("version", "2"))
            .put("billed_units", new JsonObject().put("input_tokens", exchange.promptTokens())))
        .put("response_type", "embeddings_by_type");
    exchange.sendJson(answer.toBuffer());
  }
}
