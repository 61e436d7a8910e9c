package dev.portcullis.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.error.GatewayException;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CustomHostGuardTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  private Throwable refusal(CustomHostGuard guard, String url) throws Exception {
    try {
      guard.check(URI.create(url), "x-portkey-custom-host").await(10, TimeUnit.SECONDS);
      return null;
    } catch (GatewayException e) {
      return e;
    }
  }

  @Test
  void loopbackPrivateLinkLocalAndMetadataAddressesAreRefused() throws Exception {
    CustomHostGuard guard = new CustomHostGuard(vertx, List.of());
    assertThat(refusal(guard, "http://127.0.0.1:9000/v1")).hasMessage("x-portkey-custom-host: "
        + "'http://127.0.0.1:9000/v1' resolves to internal address 127.0.0.1 (expected: a public host, or one "
        + "listed in PORTCULLIS_TRUSTED_HOSTS)");
    assertThat(refusal(guard, "http://10.1.2.3/v1")).isNotNull();
    assertThat(refusal(guard, "http://192.168.0.10/v1")).isNotNull();
    assertThat(refusal(guard, "http://172.20.0.1/v1")).isNotNull();
    assertThat(refusal(guard, "http://169.254.169.254/latest")).isNotNull();
    assertThat(refusal(guard, "http://[::1]:8080/v1")).isNotNull();
    assertThat(refusal(guard, "http://[fd00::1]/v1")).isNotNull();
    assertThat(refusal(guard, "http://100.64.1.1/v1")).isNotNull();
    assertThat(refusal(guard, "http://localhost:8000/v1")).isNotNull();
  }

  @Test
  void publicAddressIsAllowedAndPinned() throws Exception {
    CustomHostGuard guard = new CustomHostGuard(vertx, List.of());
    InetAddress pinned = guard.check(URI.create("http://93.184.215.14/v1"), "h").await(10, TimeUnit.SECONDS);
    assertThat(pinned.getHostAddress()).isEqualTo("93.184.215.14");
  }

  @Test
  void trustedAddressRangeAndNameAreAllowed() throws Exception {
    CustomHostGuard guard = new CustomHostGuard(vertx, List.of("127.0.0.1", "10.0.0.0/8", "localhost"));
    assertThat(refusal(guard, "http://127.0.0.1:9000/v1")).isNull();
    assertThat(refusal(guard, "http://10.9.8.7/v1")).isNull();
    assertThat(refusal(guard, "http://localhost:9000/v1")).isNull();
    assertThat(refusal(guard, "http://192.168.1.1/v1")).isNotNull();
  }
}
