package dev.portcullis.provider.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Cohere Embed on Bedrock ({@code cohere.embed-*}): {@code {"texts", "input_type", "truncate",
 * "output_dimension"}} in, {@code {"embeddings": [[...]]}} (or {@code {"embeddings": {"float": [[...]]}}}) out.
 * Cohere requires an {@code input_type}; without one the texts are embedded as {@code search_document}. Its answer
 * carries no token count.
 */
final class CohereEmbeddingFormat implements EmbeddingFormat {

  static final String DEFAULT_INPUT_TYPE = "search_document";

  @Override
  public Set<String> readFields() {
    return Set.of("input_type", "truncate", "dimensions");
  }

  @Override
  public ObjectNode request(List<String> inputs, JsonNode openAiBody) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    ArrayNode texts = body.putArray("texts");
    inputs.forEach(texts::add);
    body.put("input_type", openAiBody.path("input_type").asText(DEFAULT_INPUT_TYPE));
    EmbeddingFormat.copy(openAiBody, "truncate", body, "truncate");
    EmbeddingFormat.copy(openAiBody, "dimensions", body, "output_dimension");
    return body;
  }

  @Override
  public Embeddings response(JsonNode answer) {
    JsonNode embeddings = answer.get("embeddings");
    if (embeddings != null && embeddings.isObject()) {
      embeddings = embeddings.get("float");
    }
    if (embeddings == null || !embeddings.isArray()) {
      throw ConverseResponseReader.malformed("Cohere embeddings answer has no float embeddings");
    }
    List<JsonNode> vectors = new ArrayList<>(embeddings.size());
    embeddings.forEach(vectors::add);
    return new Embeddings(vectors, null);
  }
}
