package dev.portcullis.provider.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;

/** One model family's InvokeModel body for embeddings, and how its answer reads. */
interface EmbeddingFormat {

  /** The OpenAI request fields (besides {@code model} and {@code input}) this format reads. */
  Set<String> readFields();

  /**
   * The InvokeModel body for the input strings.
   *
   * @throws dev.portcullis.error.GatewayException.BadRequest naming what the model cannot take
   */
  ObjectNode request(List<String> inputs, JsonNode openAiBody);

  /**
   * The vectors of the answer, in input order.
   *
   * @throws dev.portcullis.error.GatewayException.UpstreamError (502) when the answer is not the documented shape
   */
  Embeddings response(JsonNode answer);

  /** Copies {@code field} of the OpenAI body to {@code target} as {@code name}, when it is set. */
  static void copy(JsonNode openAiBody, String field, ObjectNode target, String name) {
    JsonNode value = openAiBody.get(field);
    if (value != null && !value.isNull()) {
      target.set(name, value);
    }
  }

  /**
   * @param vectors one array of numbers per input
   * @param promptTokens the input token count, or null when the model does not report it
   */
  record Embeddings(List<JsonNode> vectors, Integer promptTokens) {}
}
