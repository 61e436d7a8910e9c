package dev.portcullis.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.provider.Target;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;

/**
 * Writes vectors as an OpenAI embeddings list, {@code {"object":"list","data":[{"object":"embedding","index",
 * "embedding"}],"model","usage"}}: floats as they came, or base64 little-endian float32 when the client asked for
 * base64. Usage is written only when the provider reported it. Shared by the Gemini API and Vertex AI codecs.
 */
public final class OpenAiEmbeddingsEncoder {

  private OpenAiEmbeddingsEncoder() {}

  /**
   * @param vectors each input's vector as the provider's JSON array of numbers, in input order
   * @param promptTokens the input tokens the provider reported, or null when it reported none
   * @param requestBody the client's body: its {@code model} (unless the target names one) and
   *     {@code encoding_format}
   */
  public static byte[] encode(List<JsonNode> vectors, Integer promptTokens, JsonNode requestBody, Target target) {
    String model = target.model() != null ? target.model() : requestBody.path("model").asText();
    boolean base64 = "base64".equals(requestBody.path("encoding_format").textValue());
    ObjectNode list = GeminiJson.object().put("object", "list");
    ArrayNode data = list.putArray("data");
    for (int i = 0; i < vectors.size(); i++) {
      ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
      if (base64) {
        item.put("embedding", base64(vectors.get(i)));
      } else {
        item.set("embedding", vectors.get(i));
      }
    }
    list.put("model", model);
    if (promptTokens != null) {
      list.putObject("usage").put("prompt_tokens", promptTokens).put("total_tokens", promptTokens);
    }
    return GeminiJson.bytes(list);
  }

  private static String base64(JsonNode values) {
    ByteBuffer bytes = ByteBuffer.allocate(values.size() * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    values.forEach(v -> bytes.putFloat(v.floatValue()));
    return Base64.getEncoder().encodeToString(bytes.array());
  }
}
