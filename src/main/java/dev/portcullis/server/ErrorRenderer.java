package dev.portcullis.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.portcullis.error.GatewayException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place a failure becomes an HTTP answer: {@code {"error":{"message","type","param","code"}}} with the
 * exception's status. Anything that is not a {@link GatewayException} is a bug: it is logged and answered 500
 * without details.
 */
public final class ErrorRenderer {

  private static final Logger LOG = LoggerFactory.getLogger(ErrorRenderer.class);
  private static final JsonFactory JSON = new JsonFactory();

  private ErrorRenderer() {}

  /** Maps any failure to the exception the client sees. */
  public static GatewayException toGatewayException(Throwable failure) {
    if (failure instanceof GatewayException g) {
      return g;
    }
    LOG.error("internal error while serving a request", failure);
    return new GatewayException.UpstreamError(500, "api_error", "internal gateway error", null, "internal_error");
  }

  public static void render(HttpServerResponse response, GatewayException e) {
    if (response.headWritten()) {
      response.reset();
      return;
    }
    response.setStatusCode(e.status())
        .putHeader("content-type", "application/json")
        .end(body(e));
  }

  private static Buffer body(GatewayException e) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeObjectFieldStart("error");
      g.writeStringField("message", e.getMessage());
      g.writeStringField("type", e.type());
      g.writeStringField("param", e.param());
      g.writeStringField("code", e.code());
      g.writeEndObject();
      g.writeEndObject();
    } catch (IOException io) {
      throw new UncheckedIOException(io);
    }
    return Buffer.buffer(out.toByteArray());
  }
}
