package dev.portcullis.server;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;

/** What a call is answered with, handed to the {@link ResponseRelay}: a provider's response, or the gateway's own. */
sealed interface Answer {

  /**
   * A provider's response, its head arrived and its body not yet read.
   *
   * @param call how the request was made, which says how the answer is read back
   */
  record Upstream(UpstreamCall call, HttpClientResponse response) implements Answer {}

  /** A JSON answer the gateway made itself (a local token count), with the call that stood for the provider's. */
  record Local(UpstreamCall call, Buffer json) implements Answer {}
}
