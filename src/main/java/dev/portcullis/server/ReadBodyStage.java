package dev.portcullis.server;

import dev.portcullis.api.InboundBody;
import dev.portcullis.api.JsonBodyInspector;
import dev.portcullis.api.MultipartModelField;
import dev.portcullis.error.GatewayException;
import dev.portcullis.routing.ModelAddress;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.Set;

/**
 * The inbound dialect's first step: the body is read (up to the limit), its model and stream flag found without
 * parsing the rest, and the model read as an address. Endpoints that take JSON refuse other content types with 415;
 * a body without a content type is read as JSON.
 */
final class ReadBodyStage implements Stage {

  /** Endpoints whose body must name a model, all JSON but the audio uploads. */
  private static final Set<String> MODEL_REQUIRED = Set.of("/chat/completions", "/completions", "/embeddings",
      "/audio/speech", "/audio/transcriptions", "/audio/translations", "/moderations", "/responses", "/rerank",
      "/messages", "/messages/count_tokens");
  /** Endpoints that take a file upload as multipart form data. */
  private static final Set<String> MULTIPART = Set.of("/audio/transcriptions", "/audio/translations");

  private final BodyReader bodies;

  ReadBodyStage(BodyReader bodies) {
    this.bodies = bodies;
  }

  @Override
  public Future<Void> serve(Exchange call, Chain next) {
    return bodies.read(call.request).compose(bytes -> {
      InboundBody body = inspect(call, bytes);
      call.body = body;
      call.stream = body.stream();
      call.address = ModelAddress.parse(body.model());
      return next.proceed(call);
    });
  }

  private static InboundBody inspect(Exchange call, Buffer bytes) {
    String contentType = call.request.getHeader("content-type");
    boolean post = call.request.method().name().equals("POST");
    boolean required = MODEL_REQUIRED.contains(call.endpoint);
    InboundBody body;
    if (contentType != null && contentType.regionMatches(true, 0, "multipart/form-data", 0, 19)) {
      body = MultipartModelField.inspect(bytes, contentType);
    } else if (bytes.length() > 0 && (contentType == null || contentType.contains("json"))) {
      body = JsonBodyInspector.inspect(bytes);
    } else if (bytes.length() > 0 && required) {
      String expected = MULTIPART.contains(call.endpoint) ? "multipart/form-data" : "application/json";
      throw GatewayException.unsupportedMediaType("content-type: '" + contentType + "' (expected: " + expected
          + " for POST /v1" + call.endpoint + (expected.equals("application/json")
              ? "; with curl, add -H 'Content-Type: application/json'" : "") + ")");
    } else if (bytes.length() == 0 && required && post) {
      throw GatewayException.badRequest("request body is empty (expected: a JSON object)");
    } else {
      body = InboundBody.opaque(bytes);
    }
    if (body.model() == null && required) {
      throw GatewayException.badRequest("model: missing (expected: a model id such as 'openai/gpt-4o-mini')",
          "model");
    }
    return body;
  }

  @Override
  public String toString() {
    return "ReadBody";
  }
}
