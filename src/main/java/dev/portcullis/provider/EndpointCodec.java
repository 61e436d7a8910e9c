package dev.portcullis.provider;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.buffer.Buffer;

/**
 * Translates one non-chat, non-streaming endpoint (embeddings, rerank) between the OpenAI-style body the client
 * sent and the provider's own format.
 */
public interface EndpointCodec {

  /**
   * The provider request for the client's body.
   *
   * @throws dev.portcullis.error.GatewayException.BadRequest naming the field the provider cannot take
   */
  WireRequest request(JsonNode body, Target target, boolean strict);

  /**
   * The client's answer, in the OpenAI-style shape of the endpoint, from the provider's 2xx body.
   *
   * @throws dev.portcullis.error.GatewayException.UpstreamError (502) when the body is not the documented format
   */
  byte[] response(Buffer providerBody, JsonNode requestBody, Target target);
}
