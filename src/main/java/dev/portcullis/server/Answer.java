package dev.portcullis.server;

import dev.portcullis.model.ChatRequest;
import dev.portcullis.model.ChatResponse;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;

/**
 * What a call is answered with, handed to the {@link ResponseRelay}: a provider's response, the gateway's own, or a
 * stored answer from the cache.
 */
sealed interface Answer {

  /**
   * A provider's response, its head arrived and its body not yet read.
   *
   * @param call how the request was made, which says how the answer is read back
   */
  record Upstream(UpstreamCall call, HttpClientResponse response) implements Answer {}

  /** A JSON answer the gateway made itself (a local token count), with the call that stood for the provider's. */
  record Local(UpstreamCall call, Buffer json) implements Answer {}

  /** The gateway's own JSON answer that stood for no provider call at all (a rendered prompt). */
  record Rendered(Buffer json) implements Answer {}

  /**
   * A stored answer, replayed in the client's dialect: whole, or as a stream when {@code request} asks for one.
   *
   * @param request the client's request, which says how the answer is written
   */
  record Cached(ChatResponse response, ChatRequest request) implements Answer {}
}
