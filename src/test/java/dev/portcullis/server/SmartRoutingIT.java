package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.mock.MockUpstream;
import dev.portcullis.mock.MockUpstreamOptions;
import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bare model id goes to the best-scoring configured provider that serves it, and fails over to the others. */
class SmartRoutingIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BODY = "{\"model\":\"llama-3.3-70b\",\"messages\":[]}";
  @TempDir Path dir;

  @Test
  void cheapestProviderIsTriedFirstAndAFailingOneIsPassedOverThenDemoted() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      MockUpstream groq = MockUpstream.start(vertx, MockUpstreamOptions.defaults()).await();
      MockUpstream deepinfra = MockUpstream.start(vertx,
          new MockUpstreamOptions("127.0.0.1", 0, 0, 5, 0, 503, 0.0, 0.0, 0.0, 1, true)).await();
      try (GatewayHarness h = new GatewayHarness(dir, Map.of(
          "PORTCULLIS_PROVIDER_GROQ_API_KEY", "gsk-test", "PORTCULLIS_PROVIDER_GROQ_BASE_URL", groq.baseUrl(),
          "PORTCULLIS_PROVIDER_DEEPINFRA_API_KEY", "di-test",
          "PORTCULLIS_PROVIDER_DEEPINFRA_BASE_URL", deepinfra.baseUrl()))) {
        HttpResponse<String> first = h.chat(BODY);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("x-portcullis-last-used-option-index")).hasValue("smart.targets[1]");
        assertThat(first.headers().firstValue("x-portcullis-provider")).hasValue("groq");
        assertThat(JSON.readTree(deepinfra.recordedRequests().getFirst().bodyAsString()).path("model").asText())
            .isEqualTo("meta-llama/Llama-3.3-70B-Instruct");
        assertThat(JSON.readTree(groq.recordedRequests().getFirst().bodyAsString()).path("model").asText())
            .isEqualTo("llama-3.3-70b-versatile");

        for (int i = 0; i < 5; i++) {
          h.chat(BODY);
        }
        int failedBefore = deepinfra.recordedRequests().size();
        int servedFirst = 0;
        for (int i = 0; i < 40; i++) {
          HttpResponse<String> r = h.chat(BODY);
          assertThat(r.statusCode()).isEqualTo(200);
          if (r.headers().firstValue("x-portcullis-last-used-option-index").orElse("").equals("smart.targets[0]")) {
            servedFirst++;
          }
        }
        assertThat(servedFirst).as("groq ranks first once deepinfra keeps failing").isGreaterThanOrEqualTo(34);
        assertThat(deepinfra.recordedRequests().size() - failedBefore).isLessThanOrEqualTo(6);
      }
    } finally {
      vertx.close().await();
    }
  }
}
