package dev.portcullis.server;

import dev.portcullis.error.GatewayException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/** Collects a request body up to a limit; a larger body fails with 413 as soon as the limit is passed. */
final class BodyReader {

  private BodyReader() {}

  static Future<Buffer> read(HttpServerRequest request, long limit) {
    String declared = request.getHeader("content-length");
    long length = -1;
    if (declared != null) {
      try {
        length = Long.parseLong(declared.trim());
      } catch (NumberFormatException e) {
        return Future.failedFuture(GatewayException.badRequest(
            "content-length: '" + declared + "' (expected: a byte count)", "content-length"));
      }
      if (length > limit) {
        return Future.failedFuture(GatewayException.payloadTooLarge(limit));
      }
    }
    Promise<Buffer> promise = Promise.promise();
    Buffer body = Buffer.buffer(length > 0 ? (int) length : 256);
    request.handler(chunk -> {
      if (body.length() + chunk.length() > limit) {
        promise.tryFail(GatewayException.payloadTooLarge(limit));
      } else {
        body.appendBuffer(chunk);
      }
    });
    request.endHandler(v -> promise.tryComplete(body));
    request.exceptionHandler(promise::tryFail);
    request.resume();
    return promise.future();
  }
}
