package dev.portcullis.provider.cohere;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.error.GatewayException;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The package's JSON plumbing: one mapper (strings as long as the body allows, since images travel inline as
 * base64), and the 502 a Cohere body that is not its documented format turns into.
 */
final class CohereJson {

  static final String PROVIDER = "cohere";

  static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
          .build())
      .build();

  private CohereJson() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static byte[] bytes(JsonNode json) {
    try {
      return MAPPER.writeValueAsBytes(json);
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to memory failed", e);
    }
  }

  /**
   * A Cohere answer as a JSON object.
   *
   * @param what names the document in the error, e.g. "chat response"
   * @throws GatewayException.UpstreamError (502) when it is not one
   */
  static ObjectNode readObject(Buffer body, String what) {
    return readObject(body.getBytes(), what);
  }

  static ObjectNode readObject(byte[] body, String what) {
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (IOException e) {
      throw invalid(what + " is not valid JSON");
    }
    if (root == null || !root.isObject()) {
      throw invalid(what + " is not a JSON object");
    }
    return (ObjectNode) root;
  }

  /** The text of a string field, or null when it is absent, null or not a string. */
  static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value != null && value.isTextual() ? value.textValue() : null;
  }

  /** The value of an integer field, or null when it is absent or not an integer. */
  static Integer integer(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value != null && value.canConvertToInt() && value.isIntegralNumber() ? value.intValue() : null;
  }

  /** A 502 naming what in Cohere's answer broke the documented format. */
  static GatewayException.UpstreamError invalid(String problem) {
    return new GatewayException.UpstreamError(502, "api_error",
        "provider '" + PROVIDER + "' sent an unexpected answer: " + problem, null, "invalid_upstream_response");
  }
}
