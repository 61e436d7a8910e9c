package dev.portcullis.mock;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.HashMap;
import java.util.Map;

/**
 * One request being answered: what arrived, what the directives say, and the sequence number its ids carry.
 *
 * @param sequence increases by one per request, so ids are predictable in tests
 * @param created the answer's {@code created} timestamp, epoch seconds
 */
record MockExchange(
    Vertx vertx, HttpServerRequest request, Buffer body, MockDirectives directives, long sequence, long created) {

  static final CharSequence REQUEST_ID = HttpHeaders.createOptimized("x-request-id");
  private static final CharSequence APPLICATION_JSON = HttpHeaders.createOptimized("application/json");
  private static final CharSequence EVENT_STREAM = HttpHeaders.createOptimized("text/event-stream");
  private static final CharSequence NO_CACHE = HttpHeaders.createOptimized("no-cache");

  RequestFields fields() {
    return RequestFields.parse(body);
  }

  /** The request's model as a JSON string literal, for echoing. */
  String quotedModel(RequestFields fields) {
    if (fields.model() == null || fields.model().isEmpty()) {
      throw new InvalidRequestException("model", "model: missing (expected: the model to use, e.g. \"gpt-4o-mini\")");
    }
    return BodyTemplate.jsonString(fields.model());
  }

  /** A rough, deterministic token count of the request: one token per four bytes. */
  int promptTokens() {
    return Math.max(1, body.length() / 4);
  }

  /**
   * The slot values of a completion's templates: {@code seq}, {@code created}, {@code model} and the usage counts
   * {@code prompt}, {@code completion}, {@code total}. The map is the caller's to add to.
   */
  Map<String, String> completionValues(RequestFields fields, int completionTokens) {
    Map<String, String> values = new HashMap<>();
    values.put("seq", Long.toString(sequence));
    values.put("created", Long.toString(created));
    values.put("model", quotedModel(fields));
    int prompt = promptTokens();
    values.put("prompt", Integer.toString(prompt));
    values.put("completion", Integer.toString(completionTokens));
    values.put("total", Integer.toString(prompt + completionTokens));
    return values;
  }

  void sendJson(Buffer json) {
    send(APPLICATION_JSON, json);
  }

  void send(CharSequence contentType, Buffer content) {
    HttpServerResponse response = request.response();
    response.setStatusCode(directives.status());
    response.headers()
        .set(HttpHeaders.CONTENT_TYPE, contentType)
        .set(REQUEST_ID, "req_mock_" + sequence);
    response.end(content);
  }

  /**
   * Streams server-sent events: the opening at once, each paced event after the chunk interval, then the closing.
   * Timers drive the pacing, so the event loop never waits; a closed connection ends the playback.
   */
  void sendStream(SseScript script) {
    sendStream(EVENT_STREAM, script);
  }

  /** Streams a script the same way with another content type (Bedrock's binary event stream). */
  void sendStream(CharSequence contentType, SseScript script) {
    HttpServerResponse response = request.response();
    response.setStatusCode(directives.status()).setChunked(true);
    response.headers()
        .set(HttpHeaders.CONTENT_TYPE, contentType)
        .set(HttpHeaders.CACHE_CONTROL, NO_CACHE)
        .set(REQUEST_ID, "req_mock_" + sequence);
    if (script.opening().length() == 0) {
      response.writeHead();
    } else {
      response.write(script.opening());
    }
    long interval = directives.chunkIntervalMs();
    if (interval == 0 || script.paced().isEmpty()) {
      script.paced().forEach(response::write);
      response.end(script.closing());
    } else {
      playPaced(response, script, interval);
    }
  }

  /** A periodic timer, so a late tick does not push back the chunks after it. */
  private void playPaced(HttpServerResponse response, SseScript script, long interval) {
    int[] next = {0};
    vertx.setPeriodic(interval, id -> {
      if (response.closed()) {
        vertx.cancelTimer(id);
        return;
      }
      response.write(script.paced().get(next[0]++));
      if (next[0] == script.paced().size()) {
        vertx.cancelTimer(id);
        response.end(script.closing());
      }
    });
  }
}
