package dev.portcullis.mock;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code POST /v1/embeddings}: one small unit vector per input item, derived from the item's text, so equal inputs
 * get equal vectors in every run. Floats by default, little-endian float32 base64 when {@code encoding_format} asks.
 */
final class EmbeddingResponder implements MockEndpoint {

  static final int DIMENSIONS = 8;

  private static final BodyTemplate BODY = BodyTemplate.compile(
      "{\"object\":\"list\",\"data\":[{{data}}],\"model\":{{model}},"
          + "\"usage\":{\"prompt_tokens\":{{tokens}},\"total_tokens\":{{tokens}}}}");
  private static final BodyTemplate ITEM = BodyTemplate.compile(
      "{\"object\":\"embedding\",\"index\":{{index}},\"embedding\":{{embedding}}}");

  @Override
  public void answer(MockExchange exchange) {
    RequestFields fields = exchange.fields();
    List<String> inputs = fields.inputs();
    if (inputs.isEmpty()) {
      throw new InvalidRequestException("input", "input: missing or empty (expected: a string or an array of them)");
    }
    boolean base64 = "base64".equals(fields.encodingFormat());
    Map<String, String> values = new HashMap<>();
    StringBuilder data = new StringBuilder();
    for (int i = 0; i < inputs.size(); i++) {
      float[] vector = vector(inputs.get(i));
      values.put("index", Integer.toString(i));
      values.put("embedding", base64 ? base64(vector) : floats(vector));
      data.append(i == 0 ? "" : ",").append(ITEM.render(values));
    }
    values.put("data", data.toString());
    values.put("model", exchange.quotedModel(fields));
    values.put("tokens", Integer.toString(exchange.promptTokens()));
    exchange.sendJson(BODY.renderBuffer(values));
  }

  static float[] vector(String text) {
    SplittableRandom random = new SplittableRandom(text.hashCode());
    float[] vector = new float[DIMENSIONS];
    double norm = 0;
    for (int i = 0; i < DIMENSIONS; i++) {
      vector[i] = (float) (random.nextDouble() * 2 - 1);
      norm += vector[i] * vector[i];
    }
    for (int i = 0; i < DIMENSIONS; i++) {
      vector[i] = (float) (vector[i] / Math.sqrt(norm));
    }
    return vector;
  }

  static String floats(float[] vector) {
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < vector.length; i++) {
      json.append(i == 0 ? "" : ",").append(vector[i]);
    }
    return json.append(']').toString();
  }

  private static String base64(float[] vector) {
    ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (float value : vector) {
      bytes.putFloat(value);
    }
    return '"' + Base64.getEncoder().encodeToString(bytes.array()) + '"';
  }
}
