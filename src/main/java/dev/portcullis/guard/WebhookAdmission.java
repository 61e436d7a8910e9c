package dev.portcullis.guard;

import io.vertx.core.Future;
import java.net.InetAddress;
import java.net.URI;

/**
 * Whether a guardrail's webhook may be called: the gateway's one rule for hosts a caller names (no loopback, private
 * or special-purpose address unless trusted). Answers the address to connect to, pinned, or fails with the 400 that
 * names the reason; nothing connects before it has answered.
 */
@FunctionalInterface
public interface WebhookAdmission {

  Future<InetAddress> admit(URI url);
}
