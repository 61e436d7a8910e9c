package dev.portcullis.provider.vertex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.portcullis.error.GatewayException;
import dev.portcullis.provider.ProviderTable;
import dev.portcullis.provider.WireRequest;
import dev.portcullis.provider.Target;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class VertexAdapterTest {

  private static Vertx vertx;
  private static VertexAdapter adapter;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    adapter = new VertexAdapter(vertx, Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @Test
  void aReadyMadeTokenGoesAsBearerWithoutAServiceAccount() {
    WireRequest authorized = adapter.authorize(request(), target("ya29.client-token", Map.of())).await();

    assertThat(authorized.headers().get("Authorization")).isEqualTo("Bearer ya29.client-token");
  }

  @Test
  void neitherTokenNorServiceAccountIs400NamingTheField() {
    GatewayException.BadRequest e = catchThrowableOfType(GatewayException.BadRequest.class,
        () -> adapter.authorize(request(), target(null, Map.of())).await());

    assertThat(e.param()).isEqualTo("vertex_service_account_json");
    assertThat(e.getMessage()).startsWith("vertex_service_account_json: missing");
  }

  @Test
  void passthroughCallsInTheGlobalLocationGoToTheGlobalHost() {
    Target global = new Target(ProviderTable.find("vertex-ai").orElseThrow(),
        URI.create("https://global-aiplatform.googleapis.com/v1"), "t", Map.of("vertex_region", "global"),
        "gemini-2.5-flash", null, null);

    assertThat(adapter.url(global, "/projects/p/locations/global/endpoints/openapi/chat/completions", null))
        .hasToString("https://aiplatform.googleapis.com/v1/projects/p/locations/global/endpoints/openapi/chat/completions");
  }

  private static WireRequest request() {
    return WireRequest.postJson(URI.create("https://us-central1-aiplatform.googleapis.com/v1/x"), new byte[0],
        List.of());
  }

  private static Target target(String credential, Map<String, String> fields) {
    return new Target(ProviderTable.find("vertex-ai").orElseThrow(),
        URI.create("https://us-central1-aiplatform.googleapis.com/v1"), credential, fields, "gemini-2.5-flash", null,
        null);
  }
}
