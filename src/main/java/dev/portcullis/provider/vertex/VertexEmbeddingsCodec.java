package dev.portcullis.provider.vertex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.provider.EndpointCodec;
import dev.portcullis.provider.WireRequest;
import dev.portcullis.provider.gemini.GeminiJson;
import dev.portcullis.provider.gemini.OpenAiEmbeddingsEncoder;
import dev.portcullis.provider.gemini.OpenAiEmbeddingsRequest;
import dev.portcullis.provider.Target;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * OpenAI embeddings through Vertex AI's {@code :predict} method of Google's embedding models: each input an instance
 * {@code {content}} (with {@code task_type} when given), {@code dimensions} as {@code parameters.outputDimensionality};
 * each prediction's {@code embeddings.values} a vector, and the sum of its {@code statistics.token_count} the usage.
 */
final class VertexEmbeddingsCodec implements EndpointCodec {

  private static final Set<String> READ_EXTRAS = Set.of("task_type");

  @Override
  public WireRequest request(JsonNode body, Target target, boolean strict) {
    OpenAiEmbeddingsRequest request = OpenAiEmbeddingsRequest.read(body, target, READ_EXTRAS, strict);
    String taskType = body.path("task_type").textValue();
    ObjectNode predict = GeminiJson.object();
    ArrayNode instances = predict.putArray("instances");
    for (String input : request.inputs()) {
      ObjectNode instance = instances.addObject().put("content", input);
      if (taskType != null) {
        instance.put("task_type", taskType);
      }
    }
    if (request.dimensions() != null) {
      predict.putObject("parameters").put("outputDimensionality", request.dimensions());
    }
    return WireRequest.postJson(VertexModelUrl.GOOGLE.of(target, request.model(), "predict"),
        GeminiJson.bytes(predict), request.dropped());
  }

  @Override
  public byte[] response(Buffer providerBody, JsonNode requestBody, Target target) {
    String provider = target.provider().id();
    JsonNode answer = GeminiJson.readObject(providerBody, provider, "predict response");
    JsonNode predictions = answer.path("predictions");
    if (!predictions.isArray()) {
      throw GeminiJson.invalid(provider, "predict response without a predictions array");
    }
    List<JsonNode> vectors = new ArrayList<>(predictions.size());
    Integer tokens = null;
    for (JsonNode prediction : predictions) {
      JsonNode embeddings = prediction.path("embeddings");
      if (!embeddings.path("values").isArray()) {
        throw GeminiJson.invalid(provider, "prediction without embeddings.values");
      }
      vectors.add(embeddings.get("values"));
      JsonNode count = embeddings.path("statistics").path("token_count");
      if (count.isNumber()) {
        tokens = (tokens == null ? 0 : tokens) + count.intValue();
      }
    }
    return OpenAiEmbeddingsEncoder.encode(vectors, tokens, requestBody, target);
  }
}
