package dev.portcullis.mock;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Receives every request of one mock upstream, on whichever event loop accepted it: records it, resolves its
 * directives, waits the latency on a timer, then resets, fails, or hands it to its endpoint.
 */
final class MockRequestHandler implements Handler<HttpServerRequest> {

  private static final String MODELS = "{\"object\":\"list\",\"data\":["
      + model("gpt-4o") + "," + model("gpt-4o-mini") + "," + model("mock") + ","
      + model("text-embedding-3-small") + "," + model("dall-e-3") + "," + model("tts-1") + ","
      + model("whisper-1") + "]}";

  private final Vertx vertx;
  private final MockUpstreamOptions options;
  private final RequestRecorder recorder;
  private final Random random;
  private final AtomicLong sequence = new AtomicLong();

  private final MockEndpoint chat = new ChatCompletionResponder();
  private final MockEndpoint completions = new TextCompletionResponder();
  private final MockEndpoint embeddings = new EmbeddingResponder();
  private final MockEndpoint images = new ImageResponder();
  private final MockEndpoint models = FixedResponder.json(MODELS);
  private final MockEndpoint speech = FixedResponder.bytes("audio/mpeg", SpeechAudio.MP3);
  private final MockEndpoint transcriptions =
      FixedResponder.json("{\"text\":\"This is a mock transcription from the Portcullis mock upstream.\"}");
  private final MockEndpoint gemini = new GeminiResponder();
  private final MockEndpoint geminiEmbeddings = new GeminiEmbeddingResponder();

  MockRequestHandler(Vertx vertx, MockUpstreamOptions options, RequestRecorder recorder) {
    this.vertx = vertx;
    this.options = options;
    this.recorder = recorder;
    this.random = new Random(options.seed());
  }

  @Override
  public void handle(HttpServerRequest request) {
    request.body().onSuccess(body -> received(request, body));
  }

  private void received(HttpServerRequest request, Buffer body) {
    recorder.record(request, body);
    long number = sequence.incrementAndGet();
    MockDirectives directives;
    try {
      directives = MockDirectives.resolve(request.headers(), options, random);
    } catch (InvalidRequestException e) {
      ErrorReply.send(request.response(), number, 400, e.getMessage(), e.param());
      return;
    }
    MockExchange exchange =
        new MockExchange(vertx, request, body, directives, number, System.currentTimeMillis() / 1000);
    if (directives.latencyMs() == 0) {
      answer(exchange);
    } else {
      vertx.setTimer(directives.latencyMs(), id -> answer(exchange));
    }
  }

  private void answer(MockExchange exchange) {
    HttpServerRequest request = exchange.request();
    MockDirectives directives = exchange.directives();
    if (directives.reset()) {
      request.connection().close();
      return;
    }
    if (request.response().closed()) {
      return;
    }
    MockEndpoint endpoint = endpoint(request.method(), request.path());
    if (directives.status() >= 400) {
      (endpoint == null ? chat : endpoint).fail(exchange, directives.status(), directives.errorMessage(), null);
      return;
    }
    if (endpoint == null) {
      ErrorReply.sendInvalidUrl(request.response(), exchange.sequence(), request.method().name(), request.path());
      return;
    }
    try {
      endpoint.answer(exchange);
    } catch (InvalidRequestException e) {
      endpoint.fail(exchange, 400, e.getMessage(), e.param());
    }
  }

  private MockEndpoint endpoint(HttpMethod method, String path) {
    MockEndpoint endpoint = switch (path) {
      case "/v1/chat/completions" -> chat;
      case "/v1/completions" -> completions;
      case "/v1/embeddings" -> embeddings;
      case "/v1/images/generations" -> images;
      case "/v1/audio/speech" -> speech;
      case "/v1/audio/transcriptions" -> transcriptions;
      case "/v1/models" -> models;
      default -> google(path);
    };
    HttpMethod expected = endpoint == models ? HttpMethod.GET : HttpMethod.POST;
    return method.equals(expected) ? endpoint : null;
  }

  /** The Gemini endpoint for a Gemini API or Vertex AI model path, or null. */
  private MockEndpoint google(String path) {
    GeminiPath gemini = GeminiPath.parse(path);
    if (gemini == null) {
      return null;
    }
    return switch (gemini.method()) {
      case "generateContent", "streamGenerateContent" -> this.gemini;
      case "embedContent", "batchEmbedContents", "predict" -> geminiEmbeddings;
      default -> null;
    };
  }

  private static String model(String id) {
    return "{\"id\":\"" + id + "\",\"object\":\"model\",\"created\":1715367049,\"owned_by\":\"system\"}";
  }
}
