package dev.portcullis.provider.anthropic;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.portcullis.error.GatewayException;

/**
 * The package's JSON plumbing: one mapper and its factory, and the error for a body that is not what Anthropic
 * documents.
 */
final class AnthropicJson {

  /** Strings as long as a body allows: an inline image is one base64 string, often beyond Jackson's default cap. */
  static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
          .build())
      .build();
  static final JsonFactory FACTORY = MAPPER.getFactory();

  private AnthropicJson() {}

  /** 502: the provider answered 2xx with something that is not its documented format. */
  static GatewayException.UpstreamError malformed(String providerId, String what) {
    return new GatewayException.UpstreamError(502, "api_error",
        "provider '" + providerId + "' sent " + what, null, "invalid_upstream_response");
  }
}
