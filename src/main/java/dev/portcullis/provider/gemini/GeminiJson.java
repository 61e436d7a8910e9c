package dev.portcullis.provider.gemini;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.error.GatewayException;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;

/**
 * JSON for Google's wire formats, shared by the Gemini and Vertex AI adapters: one mapper that reads strings as long
 * as a body allows (inline images and audio are single base64 strings), and the 502 a malformed answer gets.
 */
public final class GeminiJson {

  static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
          .build())
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private GeminiJson() {}

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  public static byte[] bytes(JsonNode json) {
    try {
      return MAPPER.writeValueAsBytes(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  /**
   * A provider's 2xx body as a JSON object.
   *
   * @throws GatewayException.UpstreamError (502) when it is not one
   */
  public static JsonNode readObject(Buffer body, String providerId, String what) {
    JsonNode json = readOrNull(body.getBytes());
    if (json == null || !json.isObject()) {
      throw invalid(providerId, what + " is not a JSON object");
    }
    return json;
  }

  /** Text as JSON, or null when it is not JSON. */
  static JsonNode readOrNull(byte[] text) {
    try {
      return MAPPER.readTree(text);
    } catch (IOException e) {
      return null;
    }
  }

  /** Text as JSON, or null when it is not JSON. */
  static JsonNode readOrNull(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (IOException e) {
      return null;
    }
  }

  /** The 502 for a provider answer that is not its documented format, naming what was wrong. */
  public static GatewayException.UpstreamError invalid(String providerId, String problem) {
    return new GatewayException.UpstreamError(502, "api_error",
        "provider '" + providerId + "' sent an answer that is not its documented format: " + problem, null,
        "invalid_upstream_response");
  }
}
