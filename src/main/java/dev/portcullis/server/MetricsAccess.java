package dev.portcullis.server;

import dev.portcullis.error.GatewayException;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Guards {@code /metrics} when {@code PORTCULLIS_METRICS_TOKEN} is set: the scrape must carry
 * {@code Authorization: Bearer <token>} (compared in constant time), else 401. Without a token the route is open.
 */
final class MetricsAccess implements Handler<RoutingContext> {

  private final byte[] expected;

  /** @param token the configured token, or null for an open route */
  MetricsAccess(String token) {
    this.expected = token == null ? null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String given = ctx.request().getHeader("authorization");
    if (expected == null
        || (given != null && MessageDigest.isEqual(expected, given.trim().getBytes(StandardCharsets.UTF_8)))) {
      ctx.next();
    } else {
      ctx.fail(GatewayException.unauthorized("/metrics needs 'Authorization: Bearer <token>' with the token "
          + "set in PORTCULLIS_METRICS_TOKEN"));
    }
  }
}
