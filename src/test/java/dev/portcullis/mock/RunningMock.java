package dev.portcullis.mock;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.pointer.JsonPointer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A mock upstream on a free port with a plain JDK client, for tests. As a static extension
 * ({@code @RegisterExtension static final RunningMock mock = new RunningMock();}) it runs for the whole test class;
 * {@link #start(MockUpstreamOptions)} runs one with other options until it is closed.
 */
final class RunningMock implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

  private final MockUpstreamOptions options;
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private Vertx vertx;
  private MockUpstream upstream;

  RunningMock() {
    this(MockUpstreamOptions.defaults());
  }

  private RunningMock(MockUpstreamOptions options) {
    this.options = options;
  }

  static RunningMock start(MockUpstreamOptions options) {
    RunningMock mock = new RunningMock(options);
    mock.begin();
    return mock;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    begin();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  private void begin() {
    vertx = Vertx.vertx();
    upstream = MockUpstream.start(vertx, options).await();
  }

  MockUpstream upstream() {
    return upstream;
  }

  /** POSTs a JSON body to a path under /v1; headers come as name, value pairs. */
  HttpResponse<String> post(String path, String json, String... headers) throws IOException, InterruptedException {
    return client.send(postRequest(path, json, headers), HttpResponse.BodyHandlers.ofString());
  }

  HttpRequest postRequest(String path, String json, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(upstream.baseUrl() + path))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return request.build();
  }

  HttpClient client() {
    return client;
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return client.send(
        HttpRequest.newBuilder(URI.create(upstream.baseUrl() + path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonObject json(String text) {
    return new JsonObject(text);
  }

  /** The value at a JSON pointer such as {@code /choices/0/delta/content}, or null when absent. */
  static Object at(JsonObject json, String pointer) {
    return JsonPointer.from(pointer).queryJson(json);
  }

  /** The {@code data:} payloads of a server-sent event stream, in order, {@code [DONE]} included. */
  static List<String> events(String stream) {
    List<String> events = new ArrayList<>();
    for (String event : stream.split("\n\n")) {
      if (event.startsWith("data: ")) {
        events.add(event.substring("data: ".length()));
      }
    }
    return events;
  }

  @Override
  public void close() {
    client.close();
    upstream.close().await();
    vertx.close().await();
  }
}
