package dev.portcullis.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.error.GatewayException;
import dev.portcullis.provider.azure.AzureOpenAiProvider;
import dev.portcullis.provider.bedrock.BedrockProvider;
import dev.portcullis.provider.vertex.VertexProvider;
import io.vertx.core.MultiMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayHeadersTest {

  private static MultiMap headers(String... pairs) {
    MultiMap m = MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i < pairs.length; i += 2) {
      m.add(pairs[i], pairs[i + 1]);
    }
    return m;
  }

  @Test
  void bearerIsTheGatewayKeyWithoutProviderHeader() {
    GatewayHeaders h = GatewayHeaders.parse(headers("Authorization", "Bearer pcl-abc"));
    assertThat(h.gatewayKey()).isEqualTo("pcl-abc");
    assertThat(h.providerKey()).isNull();
    assertThat(h.prefix()).isEqualTo("x-portcullis-");
  }

  @Test
  void withProviderHeaderBearerIsTheProviderKeyAndGatewayKeyComesFromApiKeyHeader() {
    GatewayHeaders h = GatewayHeaders.parse(headers("x-portkey-provider", "openai",
        "Authorization", "Bearer sk-upstream", "x-portkey-api-key", "pcl-gw"));
    assertThat(h.provider()).isEqualTo("openai");
    assertThat(h.providerKey()).isEqualTo("sk-upstream");
    assertThat(h.gatewayKey()).isEqualTo("pcl-gw");
    assertThat(h.prefix()).isEqualTo("x-portkey-");
  }

  @Test
  void nativePrefixWinsWhenBothAreUsed() {
    GatewayHeaders h = GatewayHeaders.parse(headers("x-portkey-trace-id", "t1", "x-portcullis-api-key", "k"));
    assertThat(h.prefix()).isEqualTo("x-portcullis-");
    assertThat(h.traceId()).isEqualTo("t1");
  }

  @Test
  void metadataIsReadAsStrings() {
    GatewayHeaders h = GatewayHeaders.parse(headers("x-portkey-metadata", "{\"_user\":\"alice\",\"n\":3,\"x\":null}"));
    assertThat(h.metadata()).containsEntry("_user", "alice").containsEntry("n", "3").doesNotContainKey("x");
  }

  @Test
  void aKeyInAuthorizationWithAProviderHeaderAndNoGatewayKeyIsExplained() {
    assertThatThrownBy(() -> GatewayHeaders.parse(headers("x-portkey-provider", "openai",
        "authorization", "Bearer pcl-gateway-key")))
        .isInstanceOf(GatewayException.Unauthorized.class)
        .hasMessage("missing gateway API key: the key in 'Authorization' was read as the provider's key, because "
            + "'x-portkey-provider' is set (expected: the gateway key in 'x-portkey-api-key' and the provider's key "
            + "in 'Authorization: Bearer <provider key>')");
  }

  @Test
  void invalidMetadataJsonIs400NamingHeaderAndExpectation() {
    assertThatThrownBy(() -> GatewayHeaders.parse(headers("x-portkey-metadata", "{team:1}")))
        .isInstanceOf(GatewayException.BadRequest.class)
        .hasMessage("x-portkey-metadata: not valid JSON: '{team:1}' (expected: a JSON object of string values, "
            + "e.g. {\"_user\":\"alice\"})");
  }

  @Test
  void nestedMetadataValueIsRefused() {
    assertThatThrownBy(() -> GatewayHeaders.parse(headers("x-portcullis-metadata", "{\"team\":{\"a\":1}}")))
        .hasMessage("x-portcullis-metadata: value of 'team' is an object (expected: a string)");
  }

  @Test
  void metadataThatIsNotAnObjectIsRefused() {
    assertThatThrownBy(() -> GatewayHeaders.parse(headers("x-portcullis-metadata", "[1]")))
        .hasMessage("x-portcullis-metadata: '[1]' (expected: a JSON object of string values, e.g. {\"_user\":\"alice\"})");
  }

  @Test
  void requestTimeoutMustBePositiveMilliseconds() {
    assertThat(GatewayHeaders.parse(headers("x-portkey-request-timeout", "1500")).requestTimeoutMs()).isEqualTo(1500);
    assertThatThrownBy(() -> GatewayHeaders.parse(headers("x-portkey-request-timeout", "soon")))
        .hasMessage("x-portkey-request-timeout: 'soon' (expected: milliseconds, 1..86400000)");
    assertThatThrownBy(() -> GatewayHeaders.parse(headers("x-portkey-request-timeout", "0")))
        .hasMessage("x-portkey-request-timeout: 0 (expected: milliseconds, 1..86400000)");
  }

  @Test
  void forwardHeadersAreLowerCasedList() {
    GatewayHeaders h = GatewayHeaders.parse(headers("x-portkey-forward-headers", "X-Team, X-Env"));
    assertThat(h.forwardHeaders()).containsExactly("x-team", "x-env");
  }

  @Test
  void anthropicClientsXApiKeyIsTheGatewayKey() {
    GatewayHeaders h = GatewayHeaders.parse(headers("x-api-key", "pcl-anthropic-sdk"));
    assertThat(h.gatewayKey()).isEqualTo("pcl-anthropic-sdk");
  }

  @Test
  void providerCredentialHeadersBecomeTheCredentialFieldsOfTheProviderSpecThatNamesThem() {
    GatewayHeaders h = GatewayHeaders.parse(headers("x-portkey-provider", "bedrock",
        "x-portkey-aws-region", "us-west-2", "x-portcullis-aws-access-key-id", "AKID",
        "x-portkey-azure-deployment-id", "gpt-4o", "x-portkey-vertex-project-id", "my-project"));
    assertThat(BedrockProvider.SPEC.fieldsFrom(h.values())).containsOnly(Map.entry("aws_region", "us-west-2"),
        Map.entry("aws_access_key_id", "AKID"));
    assertThat(AzureOpenAiProvider.SPEC.fieldsFrom(h.values())).containsOnly(Map.entry("deployment_id", "gpt-4o"));
    assertThat(VertexProvider.SPEC.fieldsFrom(h.values()))
        .containsOnly(Map.entry("vertex_project_id", "my-project"));
  }

  @Test
  void strictOpenAiComplianceIsTrueOrFalse() {
    assertThat(GatewayHeaders.parse(headers()).strictOpenAiCompliance()).isFalse();
    assertThat(GatewayHeaders.parse(headers("x-portkey-strict-open-ai-compliance", "true")).strictOpenAiCompliance())
        .isTrue();
    assertThatThrownBy(() -> GatewayHeaders.parse(headers("x-portcullis-strict-open-ai-compliance", "yes")))
        .isInstanceOf(GatewayException.BadRequest.class)
        .hasMessage("x-portcullis-strict-open-ai-compliance: 'yes' (expected: true or false)");
  }
}
