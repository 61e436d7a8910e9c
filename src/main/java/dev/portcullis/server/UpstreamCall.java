package dev.portcullis.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.api.ChatDialect;
import dev.portcullis.model.ChatRequest;
import dev.portcullis.provider.ChatCodec;
import dev.portcullis.provider.EndpointCodec;
import dev.portcullis.provider.WireRequest;
import io.vertx.core.buffer.Buffer;

/** One attempt's request to a provider, and how its answer is read back for the client. */
sealed interface UpstreamCall {

  /** The request as it goes out, before credentials. */
  WireRequest request();

  /**
   * The client's body goes as it is (model patched): the answer is relayed byte for byte.
   *
   * @param usageAsked whether the gateway added {@code stream_options.include_usage} for its own accounting: the
   *     stream's usage chunk is then kept from the client, who did not ask for it
   */
  record Passthrough(WireRequest request, boolean usageAsked) implements UpstreamCall {}

  /**
   * A chat call in another format than the client's: the answer is decoded by the provider's codec and written in
   * the client's dialect, whole or streamed.
   */
  record TranslatedChat(WireRequest request, ChatRequest chat, ChatCodec codec, ChatDialect dialect)
      implements UpstreamCall {}

  /** A non-chat endpoint (embeddings, rerank) in the provider's own format, its JSON answer translated back. */
  record TranslatedEndpoint(WireRequest request, JsonNode body, EndpointCodec codec) implements UpstreamCall {}

  /**
   * Answered by the gateway without calling the provider: Anthropic's {@code count_tokens} for a provider that has
   * no such endpoint, estimated locally.
   */
  record Local(WireRequest request, Buffer answer) implements UpstreamCall {}
}
