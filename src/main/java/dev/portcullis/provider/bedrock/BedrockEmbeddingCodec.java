package dev.portcullis.provider.bedrock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.error.GatewayException;
import dev.portcullis.provider.EndpointCodec;
import dev.portcullis.provider.WireRequest;
import dev.portcullis.provider.Target;
import io.vertx.core.buffer.Buffer;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code /embeddings} through InvokeModel ({@code POST {base}/model/{modelId}/invoke}). The body format follows the
 * model family, picked by the model id's prefix (also after a cross-region profile prefix such as {@code us.} or
 * inside an ARN). {@code encoding_format: base64} is honoured by encoding the floats as OpenAI does (little-endian
 * float32).
 */
final class BedrockEmbeddingCodec implements EndpointCodec {

  /** Model id prefix → body format. */
  private static final List<Family> FAMILIES = List.of(
      Family.of("amazon.titan-embed-text", new TitanEmbeddingFormat()),
      Family.of("cohere.embed", new CohereEmbeddingFormat()));

  /** Fields every format reads or answers to. */
  private static final Set<String> COMMON_FIELDS = Set.of("model", "input", "encoding_format");

  @Override
  public WireRequest request(JsonNode body, Target target, boolean strict) {
    String model = model(body, target);
    EmbeddingFormat format = format(model);
    List<String> dropped = new ArrayList<>(0);
    body.fieldNames().forEachRemaining(field -> {
      if (!COMMON_FIELDS.contains(field) && !format.readFields().contains(field)) {
        dropped.add(field);
      }
    });
    if (strict && !dropped.isEmpty()) {
      throw GatewayException.badRequest("provider 'bedrock' model '" + model + "' does not support: "
          + String.join(", ", dropped) + " (expected: a request without them, or strict_open_ai_compliance off to "
          + "drop them)", dropped.getFirst());
    }
    ObjectNode invoke = format.request(inputs(body.get("input")), body);
    try {
      return WireRequest.postJson(BedrockModelPath.url(target.baseUrl(), model, "invoke"),
          ConverseResponseReader.JSON.writeValueAsBytes(invoke), dropped);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public byte[] response(Buffer providerBody, JsonNode requestBody, Target target) {
    String model = model(requestBody, target);
    EmbeddingFormat.Embeddings embeddings =
        format(model).response(ConverseResponseReader.parse(providerBody.getBytes(), "embeddings answer"));
    boolean base64 = "base64".equals(requestBody.path("encoding_format").asText());
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("object", "list");
    ArrayNode data = out.putArray("data");
    for (int i = 0; i < embeddings.vectors().size(); i++) {
      ObjectNode item = data.addObject();
      item.put("object", "embedding");
      item.put("index", i);
      if (base64) {
        item.put("embedding", base64(embeddings.vectors().get(i)));
      } else {
        item.set("embedding", embeddings.vectors().get(i));
      }
    }
    out.put("model", model);
    if (embeddings.promptTokens() != null) {
      out.putObject("usage").put("prompt_tokens", embeddings.promptTokens())
          .put("total_tokens", embeddings.promptTokens());
    }
    try {
      return ConverseResponseReader.JSON.writeValueAsBytes(out);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static EmbeddingFormat format(String model) {
    for (Family family : FAMILIES) {
      if (family.pattern().matcher(model).find()) {
        return family.format();
      }
    }
    throw GatewayException.badRequest("model: '" + model + "' has no embeddings translation on bedrock (expected: "
        + "a model id starting with " + String.join("* or ", FAMILIES.stream().map(Family::prefix).toList())
        + "*)", "model");
  }

  /** Model ids that start with {@code prefix}, alone, after a profile prefix ({@code us.}) or in an ARN. */
  private record Family(String prefix, Pattern pattern, EmbeddingFormat format) {
    static Family of(String prefix, EmbeddingFormat format) {
      return new Family(prefix, Pattern.compile("(^|[./])" + Pattern.quote(prefix)), format);
    }
  }

  private static String model(JsonNode body, Target target) {
    if (target.model() != null) {
      return target.model();
    }
    JsonNode model = body.get("model");
    if (model == null || !model.isTextual() || model.asText().isBlank()) {
      throw GatewayException.badRequest("model: missing (expected: a Bedrock embedding model id such as "
          + "amazon.titan-embed-text-v2:0)", "model");
    }
    return model.asText();
  }

  private static List<String> inputs(JsonNode input) {
    if (input != null && input.isTextual()) {
      return List.of(input.asText());
    }
    if (input != null && input.isArray() && !input.isEmpty()) {
      List<String> texts = new ArrayList<>(input.size());
      for (JsonNode item : input) {
        if (!item.isTextual()) {
          throw GatewayException.badRequest("input: token arrays (expected: a string or an array of strings; "
              + "Bedrock embedding models take text)", "input");
        }
        texts.add(item.asText());
      }
      return texts;
    }
    throw GatewayException.badRequest("input: missing or empty (expected: a string or an array of strings)", "input");
  }

  private static String base64(JsonNode vector) {
    ByteBuffer bytes = ByteBuffer.allocate(vector.size() * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (JsonNode value : vector) {
      bytes.putFloat(value.floatValue());
    }
    return Base64.getEncoder().encodeToString(bytes.array());
  }
}
