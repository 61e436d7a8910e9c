package dev.portcullis.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.error.GatewayException;
import dev.portcullis.net.HostPolicy;
import dev.portcullis.net.SpecialAddressTable;
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

  private CustomHostGuard guard(String... trusted) {
    return new CustomHostGuard(vertx, new HostPolicy(List.of(trusted), SpecialAddressTable.withOwnAddresses(List.of())));
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
    CustomHostGuard guard = guard();
    assertThat(refusal(guard, "http://127.0.0.1:9000/v1")).hasMessage("x-portkey-custom-host: "
        + "'http://127.0.0.1:9000/v1' resolves to 127.0.0.1 in 127.0.0.0/8, loopback (RFC 1122) (expected: a public "
        + "host, or one listed in PORTCULLIS_TRUSTED_HOSTS)");
    for (String url : List.of("http://10.1.2.3/v1", "http://192.168.0.10/v1", "http://172.20.0.1/v1",
        "http://169.254.169.254/latest", "http://[::1]:8080/v1", "http://[fd00::1]/v1", "http://100.64.1.1/v1",
        "http://localhost:8000/v1", "http://[::127.0.0.1]/v1", "http://[::ffff:127.0.0.1]/v1",
        "http://[64:ff9b::7f00:1]/v1", "http://[2002:7f00:1::]/v1", "http://255.255.255.255/v1",
        "http://240.0.0.1/v1", "http://0x7f000001/v1", "http://2130706433/v1")) {
      assertThat(refusal(guard, url)).as(url).isInstanceOf(GatewayException.BadRequest.class);
    }
  }

  @Test
  void publicAddressIsAllowedAndPinned() throws Exception {
    InetAddress pinned = guard().check(URI.create("http://93.184.215.14/v1"), "h").await(10, TimeUnit.SECONDS);
    assertThat(pinned.getHostAddress()).isEqualTo("93.184.215.14");
  }

  @Test
  void trustedAddressRangeAndNameAreAllowed() throws Exception {
    CustomHostGuard guard = guard("127.0.0.1", "10.0.0.0/8", "localhost");
    assertThat(refusal(guard, "http://127.0.0.1:9000/v1")).isNull();
    assertThat(refusal(guard, "http://10.9.8.7/v1")).isNull();
    assertThat(refusal(guard, "http://localhost:9000/v1")).isNull();
    assertThat(refusal(guard, "http://192.168.1.1/v1")).isNotNull();
  }
}
