package dev.portcullis.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.error.GatewayException;
import dev.portcullis.provider.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An OpenAI {@code /embeddings} body as Google's embedding methods need it: text inputs only (Google embeds text, not
 * token ids), {@code dimensions} and {@code encoding_format} read, {@code user} and any other field dropped (or,
 * when strict, refused). Shared by the Gemini API and Vertex AI codecs.
 *
 * @param model the model the call goes to
 * @param inputs the texts, in order
 * @param single whether {@code input} was one string rather than an array
 * @param dimensions the requested vector size, or null
 * @param base64 whether vectors go back as base64 float32 ({@code encoding_format: base64}, the OpenAI SDKs' default)
 * @param dropped the fields left out, in request order
 */
public record OpenAiEmbeddingsRequest(
    String model, List<String> inputs, boolean single, Integer dimensions, boolean base64, List<String> dropped) {

  private static final Set<String> READ = Set.of("model", "input", "dimensions", "encoding_format");

  public OpenAiEmbeddingsRequest {
    inputs = List.copyOf(inputs);
    dropped = List.copyOf(dropped);
  }

  /**
   * @param readExtras provider fields the codec reads itself (e.g. {@code task_type}), so they are not dropped
   * @throws GatewayException.BadRequest naming the field that is missing, of the wrong type, or (strict) dropped
   */
  public static OpenAiEmbeddingsRequest read(JsonNode body, Target target, Set<String> readExtras, boolean strict) {
    if (body == null || !body.isObject()) {
      throw GatewayException.badRequest("body: expected a JSON object");
    }
    String model = target.model() != null ? target.model() : body.path("model").textValue();
    if (model == null || model.isEmpty()) {
      throw GatewayException.badRequest("model: missing (expected: an embedding model such as "
          + "gemini-embedding-001)", "model");
    }
    JsonNode input = body.get("input");
    List<String> inputs = inputs(input);
    JsonNode dimensions = body.get("dimensions");
    if (dimensions != null && !dimensions.isNull() && (!dimensions.canConvertToInt() || dimensions.intValue() < 1
        || !dimensions.isIntegralNumber())) {
      throw GatewayException.badRequest("dimensions: " + dimensions + " (expected: a positive integer)",
          "dimensions");
    }
    String format = body.path("encoding_format").textValue();
    if (format != null && !format.equals("float") && !format.equals("base64")) {
      throw GatewayException.badRequest("encoding_format: '" + format + "' (expected: float or base64)",
          "encoding_format");
    }
    List<String> dropped = new ArrayList<>(0);
    for (Map.Entry<String, JsonNode> field : body.properties()) {
      if (!READ.contains(field.getKey()) && !readExtras.contains(field.getKey())) {
        dropped.add(field.getKey());
      }
    }
    if (strict && !dropped.isEmpty()) {
      throw GatewayException.badRequest("provider '" + target.provider().id() + "' does not support: "
          + String.join(", ", dropped) + " (expected: a request without them, or strict_open_ai_compliance off to "
          + "drop them)", dropped.getFirst());
    }
    return new OpenAiEmbeddingsRequest(model, inputs, input.isTextual(),
        dimensions == null || dimensions.isNull() ? null : dimensions.intValue(), "base64".equals(format), dropped);
  }

  private static List<String> inputs(JsonNode input) {
    if (input != null && input.isTextual()) {
      return List.of(input.asText());
    }
    if (input == null || !input.isArray() || input.isEmpty()) {
      throw GatewayException.badRequest("input: " + (input == null ? "missing" : input.getNodeType().name()
          .toLowerCase(java.util.Locale.ROOT)) + " (expected: a string or a non-empty array of strings)", "input");
    }
    List<String> texts = new ArrayList<>(input.size());
    for (int i = 0; i < input.size(); i++) {
      if (!input.get(i).isTextual()) {
        throw GatewayException.badRequest("input[" + i + "]: " + input.get(i).getNodeType().name()
            .toLowerCase(java.util.Locale.ROOT) + " (expected: a string; Google's embedding models take text, not "
            + "token ids)", "input");
      }
      texts.add(input.get(i).asText());
    }
    return texts;
  }
}
