package dev.portcullis.routing;

import dev.portcullis.provider.Target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.error.GatewayException;
import dev.portcullis.net.HostPolicy;
import dev.portcullis.net.SpecialAddressTable;
import dev.portcullis.provider.ProviderTable;
import io.vertx.core.Vertx;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TargetAdmissionTest {

  private final Vertx vertx = Vertx.vertx();
  private final TargetAdmission admission = new TargetAdmission(List.of("vllm"), new CustomHostGuard(vertx,
      new HostPolicy(List.of("127.0.0.1"), SpecialAddressTable.withOwnAddresses(List.of()))));

  @AfterEach
  void close() {
    vertx.close().await();
  }

  private static Target target(String provider, String baseUrl, String virtualKey) {
    return new Target(ProviderTable.find(provider).orElseThrow(), URI.create(baseUrl), null, Map.of(), "m",
        virtualKey, null);
  }

  @Test
  void localProviderNotListedIsRefusedEvenOnATrustedHost() {
    for (String id : List.of("ollama", "lm-studio")) {
      assertThatThrownBy(() -> admission.admit(target(id, "http://127.0.0.1:9/v1", null),
          URI.create("http://127.0.0.1:9/v1"), "x-portkey-custom-host").await(5, TimeUnit.SECONDS))
          .isInstanceOf(GatewayException.BadRequest.class)
          .hasMessage("local provider '" + id + "' is not enabled on this gateway; set PORTCULLIS_LOCAL_PROVIDERS");
    }
  }

  @Test
  void listedLocalProviderOnItsDefaultLoopbackUrlIsAllowedUnpinned() throws Exception {
    Target t = admission.admit(target("vllm", "http://127.0.0.1:8000/v1", null), null, "h")
        .await(5, TimeUnit.SECONDS);
    assertThat(t.pinnedAddress()).isNull();
  }

  @Test
  void listedLocalProviderOnACallerChosenHostFollowsTheHostRule() {
    assertThatThrownBy(() -> admission.admit(target("vllm", "http://10.0.0.5/v1", null),
        URI.create("http://10.0.0.5/v1"), "x-portkey-custom-host").await(5, TimeUnit.SECONDS))
        .hasMessageStartingWith("x-portkey-custom-host: 'http://10.0.0.5/v1' resolves to 10.0.0.5 in 10.0.0.0/8");
  }

  @Test
  void virtualKeyBaseUrlOffTheDefaultIsCheckedLikeACustomHost() {
    assertThatThrownBy(() -> admission.admit(target("openai", "http://169.254.169.254/v1", "vk"), null, "h")
        .await(5, TimeUnit.SECONDS))
        .hasMessageStartingWith("virtual key 'vk' base_url: 'http://169.254.169.254/v1' resolves to 169.254.169.254");
  }
}
