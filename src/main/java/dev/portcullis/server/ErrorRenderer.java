package dev.portcullis.server;

import dev.portcullis.api.ChatDialect;
import dev.portcullis.api.openai.OpenAiChatDialect;
import dev.portcullis.error.GatewayException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place a failure becomes an HTTP answer: the error object of the client's dialect (OpenAI's
 * {@code {"error":{"message","type","param","code"}}}, or Anthropic's on {@code /v1/messages}) with the exception's
 * status. Anything that is not a {@link GatewayException} is a bug: it is logged and answered 500 without details.
 */
public final class ErrorRenderer {

  private static final Logger LOG = LoggerFactory.getLogger(ErrorRenderer.class);

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
    render(response, e, OpenAiChatDialect.INSTANCE);
  }

  public static void render(HttpServerResponse response, GatewayException e, ChatDialect dialect) {
    if (response.headWritten()) {
      response.reset();
      return;
    }
    if (e instanceof GatewayException.Overloaded o) {
      response.putHeader("retry-after", Integer.toString(o.retryAfterSeconds()));
    }
    e.headers().forEach(response::putHeader);
    Buffer body = dialect.error(e);
    if (e instanceof GatewayException.GuardrailDenied denied) {
      body = HookResultsBody.add(body, denied.hookResults());
    }
    response.setStatusCode(e.status())
        .putHeader("content-type", "application/json")
        .end(body);
  }

  /** The OpenAI-shaped error object of {@code e}, for answers written below the HTTP server (a refused connection). */
  static Buffer body(GatewayException e) {
    return OpenAiChatDialect.INSTANCE.error(e);
  }
}
