package dev.portcullis.cli;

import dev.portcullis.config.ConfigLoader;
import dev.portcullis.mock.MockUpstream;
import dev.portcullis.mock.MockUpstreamOptions;
import dev.portcullis.server.GatewayServer;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code portcullis aot-training}: the training run the launcher records the JDK's AOT cache from
 * ({@code -XX:AOTCacheOutput}, JEP 483/514/515). It starts the bundled mock and a gateway on a throw-away data
 * directory, sends the calls a gateway serves first (probes, passthrough, {@code provider/model}, streams, the
 * Anthropic endpoint) and stops, so the classes and method profiles of that path are in the cache. Not a command for
 * users: hidden from {@code --help}.
 */
@Command(name = "aot-training", hidden = true,
    description = "Serve a few calls to the bundled mock and exit (the launcher records its AOT cache from this run).")
public final class AotTrainingCommand implements Callable<Integer> {

  private static final String ADMIN_KEY = "pcl-aot-training-admin-key";
  private static final String CHAT = """
      {"model": "%s", "messages": [{"role": "user", "content": "Hello"}], "stream": %s}""";
  private static final String MESSAGES = """
      {"model": "openai/gpt-4o-mini", "max_tokens": 64, "messages": [{"role": "user", "content": "Hello"}],
       "stream": %s}""";

  @Option(names = "--rounds", defaultValue = "40", description = "Times each call is sent. Default: ${DEFAULT-VALUE}.")
  int rounds;

  @Override
  public Integer call() throws IOException, InterruptedException {
    Path data = Files.createTempDirectory("portcullis-aot-training");
    Vertx vertx = Vertx.vertx();
    try {
      MockUpstream mock = MockUpstream.start(vertx, MockUpstreamOptions.defaults().withRecordRequests(false)).await();
      try (GatewayServer gateway = GatewayServer.start(new ConfigLoader(Map.of(
              "PORTCULLIS_PORT", "0",
              "PORTCULLIS_DATA_DIR", data.toString(),
              "PORTCULLIS_ADMIN_KEY", ADMIN_KEY,
              "PORTCULLIS_TRUSTED_HOSTS", "127.0.0.1",
              "PORTCULLIS_PROVIDER_OPENAI_BASE_URL", mock.baseUrl(),
              "PORTCULLIS_PROVIDER_OPENAI_API_KEY", "sk-mock")).resolve(null));
          HttpClient client = HttpClient.newHttpClient()) {
        String base = "http://127.0.0.1:" + gateway.port();
        for (int i = 0; i < rounds; i++) {
          for (HttpRequest request : calls(base, mock.baseUrl())) {
            HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
              System.err.println("portcullis: training call " + request.method() + " " + request.uri() + " answered "
                  + answer.statusCode() + ": " + answer.body());
              return CliFailures.REFUSED;
            }
          }
        }
      } finally {
        mock.close().await();
      }
    } finally {
      vertx.close().await();
      deleteTree(data);
    }
    return 0;
  }

  private static List<HttpRequest> calls(String base, String mockBaseUrl) {
    return List.of(
        get(base + "/health"),
        get(base + "/ready"),
        post(base + "/v1/chat/completions", CHAT.formatted("gpt-4o-mini", false), "x-portkey-provider", "openai",
            "authorization", "Bearer sk-mock", "x-portkey-custom-host", mockBaseUrl),
        post(base + "/v1/chat/completions", CHAT.formatted("gpt-4o-mini", true), "x-portkey-provider", "openai",
            "authorization", "Bearer sk-mock", "x-portkey-custom-host", mockBaseUrl),
        post(base + "/v1/chat/completions", CHAT.formatted("openai/gpt-4o-mini", false)),
        post(base + "/v1/chat/completions", CHAT.formatted("openai/gpt-4o-mini", true)),
        post(base + "/v1/messages", MESSAGES.formatted(false), "anthropic-version", "2023-06-01"),
        post(base + "/v1/messages", MESSAGES.formatted(true), "anthropic-version", "2023-06-01"),
        get(base + "/admin/v1/targets/health"));
  }

  private static HttpRequest get(String url) {
    return HttpRequest.newBuilder(URI.create(url)).header("x-portkey-api-key", ADMIN_KEY).GET().build();
  }

  private static HttpRequest post(String url, String body, String... headers) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).header("x-portkey-api-key", ADMIN_KEY)
        .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    return builder.build();
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
