package dev.portcullis.provider.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.error.GatewayException;
import dev.portcullis.provider.ProviderTable;
import dev.portcullis.provider.WireRequest;
import dev.portcullis.provider.Target;
import io.vertx.core.Future;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AzureOpenAiAdapterTest {

  private final AzureOpenAiAdapter adapter = new AzureOpenAiAdapter();

  @Test
  void callWithNeitherKeyNorEntraTokenIsRefusedNamingApiKey() {
    Future<WireRequest> authorized = adapter.authorize(request(), target(null, Map.of()));

    assertThat(authorized.failed()).isTrue();
    assertThat(authorized.cause()).isInstanceOf(GatewayException.BadRequest.class)
        .hasMessageStartingWith("api_key: missing (expected: an Azure OpenAI key, or azure_ad_token");
  }

  @Test
  void entraTokenReplacesTheApiKeyHeader() {
    WireRequest request = request();
    request.headers().set("api-key", "stale");

    WireRequest authorized = adapter.authorize(request, target("key", Map.of("azure_ad_token", "tok"))).result();

    assertThat(authorized.headers().get("authorization")).isEqualTo("Bearer tok");
    assertThat(authorized.headers().contains("api-key")).isFalse();
  }

  @Test
  void deploymentIdThatWouldLeaveItsPathSegmentIsRefused() {
    assertThatThrownBy(() -> adapter.url(target("key", Map.of("deployment_id", "../admin", "api_version",
        "2024-10-21")), "/chat/completions", null))
        .isInstanceOf(GatewayException.BadRequest.class)
        .hasMessage("deployment_id: '../admin' (expected: letters, digits, '.', '_' or '-')");
  }

  private static WireRequest request() {
    return WireRequest.postJson(URI.create("https://my-openai.openai.azure.com/openai/deployments/d/chat/completions"),
        new byte[0], List.of());
  }

  private static Target target(String credential, Map<String, String> fields) {
    return new Target(ProviderTable.find("azure-openai").orElseThrow(),
        URI.create("https://my-openai.openai.azure.com/openai"), credential, fields, "gpt-4o", null, null);
  }
}
