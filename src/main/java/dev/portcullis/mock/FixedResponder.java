package dev.portcullis.mock;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import java.nio.charset.StandardCharsets;

/** An endpoint whose answer never changes (the model list, speech audio, a transcription). */
final class FixedResponder implements MockEndpoint {

  private final CharSequence contentType;
  private final byte[] body;

  private FixedResponder(String contentType, byte[] body) {
    this.contentType = HttpHeaders.createOptimized(contentType);
    this.body = body;
  }

  static FixedResponder json(String json) {
    return new FixedResponder("application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  static FixedResponder bytes(String contentType, byte[] body) {
    return new FixedResponder(contentType, body.clone());
  }

  @Override
  public void answer(MockExchange exchange) {
    exchange.send(contentType, Buffer.buffer(body));
  }
}
