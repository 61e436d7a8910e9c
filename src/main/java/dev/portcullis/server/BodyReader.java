package dev.portcullis.server;

import dev.portcullis.error.GatewayException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * Collects request bodies. Memory follows the bytes that arrive, never the declared {@code content-length}: a
 * declared length above the limit is refused with 413 before a byte is read, any other waits for its bytes. Every
 * body's bytes count against the shared {@link BodyBytesInFlight} from arrival until its response ends (or the
 * connection closes); a body that would pass that bound fails with 503 and {@code retry-after: 1}.
 */
final class BodyReader {

  /** The largest body one buffer can hold (a Java array's bound, less the JVM's header words). */
  static final long MAX_BUFFERED = Integer.MAX_VALUE - 8;

  private final long limit;
  private final String limitSetBy;
  private final BodyBytesInFlight inFlight;

  /**
   * @param maxBodyBytes {@code PORTCULLIS_MAX_BODY_BYTES}; the effective limit is also bounded by what one buffer
   *     can hold and by the in-flight bound
   */
  BodyReader(long maxBodyBytes, BodyBytesInFlight inFlight) {
    this.inFlight = inFlight;
    long limit = maxBodyBytes;
    String setBy = "PORTCULLIS_MAX_BODY_BYTES";
    if (MAX_BUFFERED < limit) {
      limit = MAX_BUFFERED;
      setBy = "the most one request body can be held in memory";
    }
    if (inFlight.limit() < limit) {
      limit = inFlight.limit();
      setBy = "PORTCULLIS_MAX_BODY_BYTES_IN_FLIGHT";
    }
    this.limit = limit;
    this.limitSetBy = setBy;
  }

  Future<Buffer> read(HttpServerRequest request) {
    String declared = request.getHeader("content-length");
    if (declared != null) {
      long length;
      try {
        length = Long.parseLong(declared.trim());
      } catch (NumberFormatException e) {
        length = -1;
      }
      if (length < 0) {
        return Future.failedFuture(GatewayException.badRequest(
            "content-length: '" + declared + "' (expected: a byte count)", "content-length"));
      }
      if (length > limit) {
        return Future.failedFuture(tooLarge());
      }
    }
    Promise<Buffer> promise = Promise.promise();
    Body body = new Body();
    request.response().endHandler(v -> body.release());
    request.handler(chunk -> {
      if (promise.future().isComplete()) {
        return;
      }
      GatewayException refusal = body.add(chunk);
      if (refusal != null) {
        body.release();
        promise.tryFail(refusal);
      }
    });
    request.endHandler(v -> promise.tryComplete(body.bytes));
    request.exceptionHandler(err -> {
      body.release();
      promise.tryFail(err);
    });
    request.resume();
    return promise.future();
  }

  private GatewayException tooLarge() {
    return GatewayException.payloadTooLarge(limit, limitSetBy);
  }

  /** One request's bytes and its share of the in-flight bound; used on the request's event loop only. */
  private final class Body {
    private final Buffer bytes = Buffer.buffer();
    private long taken;
    private boolean released;

    /** Appends a chunk, or answers why it cannot be taken. */
    GatewayException add(Buffer chunk) {
      if (released) {
        return GatewayException.badRequest("request ended before its body was read");
      }
      if (chunk.length() > limit - bytes.length()) {
        return tooLarge();
      }
      if (!inFlight.tryTake(chunk.length())) {
        return GatewayException.overloaded("request bodies held by the gateway are at their limit of "
            + inFlight.limit() + " bytes (PORTCULLIS_MAX_BODY_BYTES_IN_FLIGHT); retry shortly");
      }
      taken += chunk.length();
      bytes.appendBuffer(chunk);
      return null;
    }

    void release() {
      if (!released) {
        released = true;
        inFlight.give(taken);
      }
    }
  }
}
