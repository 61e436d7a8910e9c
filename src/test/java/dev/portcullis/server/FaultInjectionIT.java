package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.mock.MockUpstream;
import dev.portcullis.mock.MockUpstreamOptions;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A primary provider that answers 30% 5xx, resets 10% of connections and lets 10% time out: behind a fallback
 * config, no client sees an error.
 */
class FaultInjectionIT {

  private static final int REQUESTS = 2_000;
  @TempDir Path dir;

  @Test
  void fallbackHidesAFailingPrimaryFromEveryClient() throws Exception {
    try (GatewayHarness h = new GatewayHarness(dir)) {
      MockUpstream primary = MockUpstream.start(h.vertx,
          MockUpstreamOptions.defaults().withFaults(0.3, 0.1, 0.1).withRecordRequests(false)).await();
      MockUpstream secondary = MockUpstream.start(h.vertx,
          MockUpstreamOptions.defaults().withRecordRequests(false)).await();
      String config = "{\"strategy\":{\"mode\":\"fallback\"},\"targets\":["
          + "{\"provider\":\"openai\",\"api_key\":\"sk-p\",\"custom_host\":\"" + primary.baseUrl() + "\","
          + "\"request_timeout\":300},"
          + "{\"provider\":\"openai\",\"api_key\":\"sk-s\",\"custom_host\":\"" + secondary.baseUrl() + "\"}]}";
      String streamBody = "{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":[]}";
      String jsonBody = "{\"model\":\"gpt-4o\",\"messages\":[]}";
      ExecutorService pool = Executors.newFixedThreadPool(16);
      try {
        List<Future<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
          String body = i % 4 == 0 ? streamBody : jsonBody;
          calls.add(pool.submit(() -> h.chat(body, "x-portkey-config", config)));
        }
        List<String> errors = new ArrayList<>();
        int servedBySecondary = 0;
        for (Future<HttpResponse<String>> call : calls) {
          HttpResponse<String> r = call.get();
          if (r.statusCode() != 200) {
            errors.add(r.statusCode() + " " + r.body());
          }
          if (r.headers().firstValue("x-portkey-last-used-option-index").orElse("").equals("config.targets[1]")) {
            servedBySecondary++;
          }
        }
        assertThat(errors).isEmpty();
        assertThat(servedBySecondary).isPositive();
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
