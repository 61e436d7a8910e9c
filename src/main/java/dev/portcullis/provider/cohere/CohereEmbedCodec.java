package dev.portcullis.provider.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.error.GatewayException;
import dev.portcullis.provider.EndpointCodec;
import dev.portcullis.provider.WireRequest;
import dev.portcullis.provider.Target;
import io.vertx.core.buffer.Buffer;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * OpenAI's {@code POST /v1/embeddings} through Cohere's {@code POST /v2/embed}: {@code input} becomes
 * {@code texts}, {@code dimensions} becomes {@code output_dimension}, float embeddings are asked for, and the
 * answer comes back as OpenAI's list of embeddings (base64 little-endian float32 when {@code encoding_format} asks
 * for it), with usage from Cohere's billed input tokens. Cohere needs an {@code input_type}; it is
 * {@value #DEFAULT_INPUT_TYPE} unless the body names one.
 */
final class CohereEmbedCodec implements EndpointCodec {

  static final String DEFAULT_INPUT_TYPE = "search_document";

  /** OpenAI fields renamed for Cohere. */
  private static final Map<String, String> RENAMED = Map.of("dimensions", "output_dimension");
  /** Cohere's own embed fields a client may send as they are. */
  private static final Set<String> NATIVE = Set.of("truncate", "max_tokens");
  private static final Set<String> READ =
      Set.of("model", "input", "encoding_format", "dimensions", "input_type", "truncate", "max_tokens");
  private static final List<String> ENCODING_FORMATS = List.of("float", "base64");

  @Override
  public WireRequest request(JsonNode body, Target target, boolean strict) {
    CohereEndpointFields.object(body);
    List<String> dropped = CohereEndpointFields.dropped(body, READ, strict);
    encodingFormat(body);
    ObjectNode out = CohereJson.object();
    out.put("model", CohereEndpointFields.model(body, target.model()));
    out.set("texts", texts(body.get("input")));
    String inputType = CohereEndpointFields.string(body, "input_type");
    out.put("input_type", inputType != null ? inputType : DEFAULT_INPUT_TYPE);
    out.putArray("embedding_types").add("float");
    RENAMED.forEach((openAi, cohere) -> {
      Integer value = CohereEndpointFields.positive(body, openAi);
      if (value != null) {
        out.put(cohere, value);
      }
    });
    NATIVE.forEach(field -> {
      if (body.hasNonNull(field)) {
        out.set(field, body.get(field));
      }
    });
    return WireRequest.postJson(URI.create(target.baseUrl() + "/embed"), CohereJson.bytes(out), dropped);
  }

  @Override
  public byte[] response(Buffer providerBody, JsonNode requestBody, Target target) {
    ObjectNode root = CohereJson.readObject(providerBody, "embed response");
    JsonNode vectors = root.path("embeddings").path("float");
    if (!vectors.isArray()) {
      throw CohereJson.invalid("embed response has no embeddings.float array");
    }
    boolean base64 = "base64".equals(encodingFormat(requestBody));
    ObjectNode out = CohereJson.object().put("object", "list");
    ArrayNode data = out.putArray("data");
    for (int i = 0; i < vectors.size(); i++) {
      JsonNode vector = vectors.get(i);
      if (!vector.isArray()) {
        throw CohereJson.invalid("embed response embeddings.float[" + i + "] is not an array");
      }
      ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
      if (base64) {
        item.put("embedding", base64(vector));
      } else {
        item.set("embedding", vector);
      }
    }
    out.put("model", CohereEndpointFields.model(requestBody, target.model()));
    Integer tokens = CohereJson.integer(root.path("meta").path("billed_units"), "input_tokens");
    if (tokens != null) {
      out.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
    }
    return CohereJson.bytes(out);
  }

  /** {@code input}: a string or an array of strings; Cohere embeds text, not token ids. */
  private static ArrayNode texts(JsonNode input) {
    String expected = "(expected: a string or a non-empty array of strings; provider 'cohere' takes text, not token "
        + "ids)";
    ArrayNode texts = CohereJson.MAPPER.createArrayNode();
    if (input != null && input.isTextual()) {
      return texts.add(input.textValue());
    }
    if (input == null || input.isNull()) {
      throw GatewayException.badRequest("input: missing " + expected, "input");
    }
    if (!input.isArray() || input.isEmpty()) {
      throw GatewayException.badRequest("input: " + shorten(input) + " " + expected, "input");
    }
    for (int i = 0; i < input.size(); i++) {
      if (!input.get(i).isTextual()) {
        throw GatewayException.badRequest("input[" + i + "]: " + shorten(input.get(i)) + " " + expected, "input");
      }
      texts.add(input.get(i).textValue());
    }
    return texts;
  }

  private static String encodingFormat(JsonNode body) {
    String format = CohereEndpointFields.string(body, "encoding_format");
    if (format != null && !ENCODING_FORMATS.contains(format)) {
      throw GatewayException.badRequest("encoding_format: '" + format + "' (expected: one of float, base64)",
          "encoding_format");
    }
    return format;
  }

  private static String base64(JsonNode vector) {
    ByteBuffer bytes = ByteBuffer.allocate(vector.size() * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (JsonNode value : vector) {
      bytes.putFloat(value.floatValue());
    }
    return Base64.getEncoder().encodeToString(bytes.array());
  }

  private static String shorten(JsonNode value) {
    String text = value.toString();
    return text.length() > 60 ? text.substring(0, 57) + "..." : text;
  }
}
