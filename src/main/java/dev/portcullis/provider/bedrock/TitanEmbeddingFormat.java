package dev.portcullis.provider.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.error.GatewayException;
import java.util.List;
import java.util.Set;

/**
 * Amazon Titan text embeddings ({@code amazon.titan-embed-text-*}): {@code {"inputText", "dimensions",
 * "normalize"}} in, {@code {"embedding", "inputTextTokenCount"}} out. Titan embeds one text per request, so an input
 * of several strings is refused rather than fanned out into several billed calls.
 */
final class TitanEmbeddingFormat implements EmbeddingFormat {

  @Override
  public Set<String> readFields() {
    return Set.of("dimensions", "normalize");
  }

  @Override
  public ObjectNode request(List<String> inputs, JsonNode openAiBody) {
    if (inputs.size() != 1) {
      throw GatewayException.badRequest("input: " + inputs.size() + " strings (expected: exactly one; Titan text "
          + "embeddings take one input per request)", "input");
    }
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("inputText", inputs.getFirst());
    EmbeddingFormat.copy(openAiBody, "dimensions", body, "dimensions");
    EmbeddingFormat.copy(openAiBody, "normalize", body, "normalize");
    return body;
  }

  @Override
  public Embeddings response(JsonNode answer) {
    JsonNode embedding = answer.get("embedding");
    if (embedding == null || !embedding.isArray()) {
      throw ConverseResponseReader.malformed("Titan embeddings answer has no embedding array");
    }
    JsonNode tokens = answer.get("inputTextTokenCount");
    return new Embeddings(List.of(embedding), tokens != null && tokens.canConvertToInt() ? tokens.intValue() : null);
  }
}
