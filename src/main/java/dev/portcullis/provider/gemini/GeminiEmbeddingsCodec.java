package dev.portcullis.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.provider.EndpointCodec;
import dev.portcullis.provider.WireRequest;
import dev.portcullis.provider.Target;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * OpenAI embeddings through the Gemini API: one string goes to {@code models/{model}:embedContent}, an array to
 * {@code :batchEmbedContents} (one request per item); {@code dimensions} becomes {@code outputDimensionality} and
 * Gemini's {@code task_type} is passed as {@code taskType}. Gemini reports no token usage for embeddings unless its
 * answer carries {@code usageMetadata}, so usage is written only then.
 */
final class GeminiEmbeddingsCodec implements EndpointCodec {

  private static final Set<String> READ_EXTRAS = Set.of("task_type");

  @Override
  public WireRequest request(JsonNode body, Target target, boolean strict) {
    OpenAiEmbeddingsRequest request = OpenAiEmbeddingsRequest.read(body, target, READ_EXTRAS, strict);
    String taskType = body.path("task_type").textValue();
    if (request.single()) {
      ObjectNode single = item(request.inputs().getFirst(), request, taskType);
      return WireRequest.postJson(GeminiModelUrl.GEMINI_API.of(target, request.model(), "embedContent"),
          GeminiJson.bytes(single), request.dropped());
    }
    String modelName = "models/" + GeminiModelUrl.modelId(request.model(), "models/");
    ObjectNode batch = GeminiJson.object();
    ArrayNode requests = batch.putArray("requests");
    for (String input : request.inputs()) {
      requests.add(item(input, request, taskType).put("model", modelName));
    }
    return WireRequest.postJson(GeminiModelUrl.GEMINI_API.of(target, request.model(), "batchEmbedContents"),
        GeminiJson.bytes(batch), request.dropped());
  }

  private static ObjectNode item(String text, OpenAiEmbeddingsRequest request, String taskType) {
    ObjectNode item = GeminiJson.object();
    item.putObject("content").putArray("parts").addObject().put("text", text);
    if (request.dimensions() != null) {
      item.put("outputDimensionality", request.dimensions());
    }
    if (taskType != null) {
      item.put("taskType", taskType);
    }
    return item;
  }

  @Override
  public byte[] response(Buffer providerBody, JsonNode requestBody, Target target) {
    String provider = target.provider().id();
    JsonNode answer = GeminiJson.readObject(providerBody, provider, "embeddings response");
    List<JsonNode> vectors = new ArrayList<>();
    if (answer.has("embedding")) {
      vectors.add(values(answer.get("embedding"), provider));
    } else if (answer.path("embeddings").isArray()) {
      answer.get("embeddings").forEach(e -> vectors.add(values(e, provider)));
    } else {
      throw GeminiJson.invalid(provider, "embeddings response has neither embedding nor embeddings");
    }
    JsonNode usage = answer.path("usageMetadata").path("promptTokenCount");
    return OpenAiEmbeddingsEncoder.encode(vectors, usage.canConvertToInt() ? usage.intValue() : null, requestBody,
        target);
  }

  private static JsonNode values(JsonNode embedding, String provider) {
    JsonNode values = embedding.path("values");
    if (!values.isArray()) {
      throw GeminiJson.invalid(provider, "embedding without a values array");
    }
    return values;
  }
}
