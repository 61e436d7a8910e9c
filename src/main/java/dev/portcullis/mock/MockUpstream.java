package dev.portcullis.mock;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * A running mock of the OpenAI API: {@code /v1/chat/completions} (JSON, SSE, tool calls), {@code /v1/completions},
 * {@code /v1/embeddings}, {@code /v1/models}, {@code /v1/images/generations}, {@code /v1/audio/speech} and
 * {@code /v1/audio/transcriptions}; Anthropic's {@code /v1/messages}; Azure OpenAI's deployment paths; Cohere's
 * {@code /v2/chat}, {@code /v2/embed} and {@code /v2/rerank}; Gemini's model methods on the Gemini API and Vertex AI
 * paths; and, at the root, AWS Bedrock runtime's {@code /model/{modelId}/converse}, {@code /converse-stream}
 * (binary event stream) and {@code /invoke}. Each answers errors in its own API's shape; anything else is a 404 in
 * OpenAI's error shape.
 *
 * <p>Each request may override the options with headers: {@code x-mock-status} (answer that status; 400 and above
 * with an OpenAI error body), {@code x-mock-error-message}, {@code x-mock-latency-ms} (before the headers),
 * {@code x-mock-chunks}, {@code x-mock-chunk-interval-ms}, and {@code x-mock-reset: true} (close the connection
 * without answering). Ids carry a per-server sequence number: the n-th request answers {@code chatcmpl-mock-n}.
 */
public final class MockUpstream {

  private final Vertx vertx;
  private final String host;
  private final int port;
  private final RequestRecorder recorder;
  private final String deployment;

  private MockUpstream(Vertx vertx, String host, int port, RequestRecorder recorder, String deployment) {
    this.vertx = vertx;
    this.host = host;
    this.port = port;
    this.recorder = recorder;
    this.deployment = deployment;
  }

  private static final AtomicInteger SHARED_RANDOM_PORTS = new AtomicInteger();

  /**
   * Starts listening. One server instance runs per CPU core on the same port, so connections spread over the event
   * loops. With port 0 the instances share a random port, asked for with a negative port number that is new for each
   * mock: Vert.x gives servers with the same negative number the same port, so two mocks in one Vert.x must differ.
   */
  public static Future<MockUpstream> start(Vertx vertx, MockUpstreamOptions options) {
    RequestRecorder recorder = new RequestRecorder(options.recordRequests());
    MockRequestHandler handler = new MockRequestHandler(vertx, options, recorder);
    int port = options.port() == 0 ? SHARED_RANDOM_PORTS.decrementAndGet() : options.port();
    Queue<MockServerVerticle> servers = new ConcurrentLinkedQueue<>();
    Supplier<MockServerVerticle> server = () -> {
      MockServerVerticle verticle = new MockServerVerticle(handler, options.host(), port);
      servers.add(verticle);
      return verticle;
    };
    int instances = Runtime.getRuntime().availableProcessors();
    return vertx.deployVerticle(server, new DeploymentOptions().setInstances(instances))
        .map(id -> new MockUpstream(vertx, options.host(), servers.peek().actualPort(), recorder, id));
  }

  public int port() {
    return port;
  }

  /** The OpenAI base URL of this server, e.g. {@code http://127.0.0.1:9000/v1}. */
  public String baseUrl() {
    return "http://" + host + ":" + port + "/v1";
  }

  /** The last {@value RequestRecorder#CAPACITY} requests received, oldest first; empty when recording is off. */
  public List<RecordedRequest> recordedRequests() {
    return recorder.snapshot();
  }

  public void clearRecorded() {
    recorder.clear();
  }

  /** Stops listening and closes open connections. */
  public Future<Void> close() {
    return vertx.undeploy(deployment);
  }

  @Override
  public String toString() {
    return "MockUpstream[" + baseUrl() + "]";
  }
}
