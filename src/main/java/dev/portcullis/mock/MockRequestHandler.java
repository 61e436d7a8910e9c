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
 * directives, waits the latency on a timer, then resets, fails, or hands it to its endpoint. OpenAI's paths and
 * Anthropic's {@code /v1/messages} share the {@code /v1} prefix, Bedrock's live under {@code /model/}; each answers
 * errors in its own API's shape.
 */
final class MockRequestHandler implements Handler<HttpServerRequest> {

  private static final String MODELS = "{\"object\":\"list\",\"data\":["
      + model("gpt-4o") + "," + model("gpt-4o-mini") + "," + model("mock") + ","
      + model("text-embedding-3-small") + "," + model("dall-e-3") + "," + model("tts-1") + ","
      + model("whisper-1") + "]}";

  private static final String MESSAGES_PATH = "/v1/messages";

  private final Vertx vertx;
  private final MockUpstreamOptions options;
  private final RequestRecorder recorder;
  private final Random random;
  private final AtomicLong sequence = new AtomicLong();

  private final MockEndpoint chat = new ChatCompletionResponder();
  private final MockEndpoint messages = new AnthropicMessagesResponder();
  private final MockEndpoint completions = new TextCompletionResponder();
  private final MockEndpoint embeddings = new EmbeddingResponder();
  private final MockEndpoint images = new ImageResponder();
  private final MockEndpoint models = FixedResponder.json(MODELS);
  private final MockEndpoint speech = FixedResponder.bytes("audio/mpeg", SpeechAudio.MP3);
  private final MockEndpoint transcriptions =
      FixedResponder.json("{\"text\":\"This is a mock transcription from the Portcullis mock upstream.\"}");
  private final MockEndpoint bedrockConverse = new BedrockConverseResponder();
  private final MockEndpoint bedrockInvoke = new BedrockInvokeResponder();
  private final MockEndpoint cohereChat = new CohereChatResponder();
  private final MockEndpoint cohereEmbed = new CohereEmbedResponder();
  private final MockEndpoint cohereRerank = new CohereRerankResponder();
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
    MockEndpoint endpoint = endpointOf(request);
    if (directives.status() >= 400) {
      sendError(exchange, endpoint, directives.status(), directives.errorMessage(), null);
      return;
    }
    if (endpoint == null) {
      if (BedrockOperation.isBedrock(request.path())) {
        BedrockErrorReply.send(request.response(), exchange.sequence(), 404,
            "Unknown operation (" + request.method().name() + " " + request.path() + ")");
      } else {
        ErrorReply.sendInvalidUrl(request.response(), exchange.sequence(), request.method().name(), request.path());
      }
      return;
    }
    try {
      endpoint.answer(exchange);
    } catch (InvalidRequestException e) {
      endpoint.fail(exchange, 400, e.getMessage(), e.param());
    }
  }

  /** An error in the shape of the API the endpoint imitates, OpenAI's for paths the mock does not serve. */
  private static void sendError(MockExchange exchange, MockEndpoint endpoint, int status, String message,
      String param) {
    if (endpoint == null) {
      ErrorReply.send(exchange.request().response(), exchange.sequence(), status, message, param);
    } else {
      endpoint.fail(exchange, status, message, param);
    }
  }

  private MockEndpoint endpointOf(HttpServerRequest request) {
    return BedrockOperation.isBedrock(request.path()) ? bedrockEndpoint(request.method(), request.path())
        : endpoint(request.method(), request.path());
  }

  /** {@code POST /model/{modelId}/converse}, {@code /converse-stream} and {@code /invoke}. */
  private MockEndpoint bedrockEndpoint(HttpMethod method, String path) {
    BedrockOperation operation = BedrockOperation.parse(path);
    if (operation == null || !method.equals(HttpMethod.POST)) {
      return null;
    }
    return switch (operation.operation()) {
      case "converse", "converse-stream" -> bedrockConverse;
      case "invoke" -> bedrockInvoke;
      default -> null;
    };
  }

  private MockEndpoint endpoint(HttpMethod method, String path) {
    MockEndpoint endpoint = switch (AzurePath.asOpenAi(path)) {
      case "/v1/chat/completions" -> chat;
      case MESSAGES_PATH -> messages;
      case "/v1/completions" -> completions;
      case "/v1/embeddings" -> embeddings;
      case "/v1/images/generations" -> images;
      case "/v1/audio/speech" -> speech;
      case "/v1/audio/transcriptions" -> transcriptions;
      case "/v1/models" -> models;
      case "/v2/chat" -> cohereChat;
      case "/v2/embed" -> cohereEmbed;
      case "/v2/rerank" -> cohereRerank;
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
