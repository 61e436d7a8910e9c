package dev.portcullis.server;

import dev.portcullis.config.ConfigLoader;
import dev.portcullis.config.GatewayConfig;
import dev.portcullis.mock.MockUpstream;
import dev.portcullis.mock.MockUpstreamOptions;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A real gateway in front of a real mock upstream, both in process on random ports, with a fresh data folder.
 * Server-held credentials for {@code openai} point at the mock.
 */
final class GatewayHarness implements AutoCloseable {

  static final String ADMIN_KEY = "pcl-test-admin-key-0123456789";
  static final String SERVER_PROVIDER_KEY = "sk-server-held-secret-111111";

  final Vertx vertx = Vertx.vertx();
  final MockUpstream mock;
  final GatewayServer gateway;
  final Path dataDir;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  GatewayHarness(Path dataDir) {
    this(dataDir, Map.of());
  }

  GatewayHarness(Path dataDir, Map<String, String> extraEnv) {
    this(dataDir, mock -> extraEnv);
  }

  /** With settings that name the mock, e.g. another provider's base URL pointing at it. */
  GatewayHarness(Path dataDir, Function<MockUpstream, Map<String, String>> extraEnvForMock) {
    this(dataDir, extraEnvForMock, Extensions.NONE);
  }

  /** With extensions: a clock to drive, listeners to hear calls, stages to add. */
  GatewayHarness(Path dataDir, Function<MockUpstream, Map<String, String>> extraEnvForMock, Extensions extensions) {
    this.dataDir = dataDir;
    this.mock = MockUpstream.start(vertx, MockUpstreamOptions.defaults()).await();
    Map<String, String> extraEnv = extraEnvForMock.apply(mock);
    Map<String, String> env = new HashMap<>();
    env.put("PORTCULLIS_PORT", "0");
    env.put("PORTCULLIS_DATA_DIR", dataDir.toString());
    env.put("PORTCULLIS_ADMIN_KEY", ADMIN_KEY);
    env.put("PORTCULLIS_TRUSTED_HOSTS", "127.0.0.1");
    env.put("PORTCULLIS_PROVIDER_OPENAI_API_KEY", SERVER_PROVIDER_KEY);
    env.put("PORTCULLIS_PROVIDER_OPENAI_BASE_URL", mock.baseUrl());
    env.putAll(extraEnv);
    GatewayConfig config = new ConfigLoader(env).resolve(null);
    this.gateway = GatewayServer.start(config, extensions);
  }

  String url(String path) {
    return "http://127.0.0.1:" + gateway.port() + path;
  }

  HttpRequest.Builder post(String path, String body) {
    return post(path, body, "application/json");
  }

  HttpRequest.Builder post(String path, String body, String contentType) {
    return HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(20))
        .header("content-type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
  }

  /** Any method; a null body sends none. */
  HttpRequest.Builder request(String method, String path, String body) {
    return HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(20))
        .header("content-type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
  }

  HttpRequest.Builder get(String path) {
    return HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(20)).GET();
  }

  HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A chat call authenticated with the admin key. */
  HttpResponse<String> chat(String body, String... headers) {
    HttpRequest.Builder b = post("/v1/chat/completions", body).header("authorization", "Bearer " + ADMIN_KEY);
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return send(b);
  }

  HttpResponse<String> admin(HttpRequest.Builder request) {
    return send(request.header("authorization", "Bearer " + ADMIN_KEY));
  }

  @Override
  public void close() {
    gateway.close();
    mock.close().await();
    vertx.close().await();
  }
}
