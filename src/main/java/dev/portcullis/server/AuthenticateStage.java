package dev.portcullis.server;

import dev.portcullis.keys.Authenticator;
import io.vertx.core.Future;
import java.util.HashMap;
import java.util.Map;

/** Authenticate: the gateway key becomes the call's principal; the key's metadata goes under the request's. */
final class AuthenticateStage implements Stage {

  private final Authenticator authenticator;

  AuthenticateStage(Authenticator authenticator) {
    this.authenticator = authenticator;
  }

  @Override
  public Future<Void> serve(Exchange call, Chain next) {
    return authenticator.authenticate(call.headers.gatewayKey()).compose(principal -> {
      call.principal = principal;
      call.metadata = withKeyMetadata(principal.metadata(), call.headers.metadata());
      return next.proceed(call);
    });
  }

  /** The key's metadata under the request's: the request wins where both name a key. */
  private static Map<String, String> withKeyMetadata(Map<String, String> key, Map<String, String> request) {
    if (key.isEmpty()) {
      return request;
    }
    Map<String, String> merged = new HashMap<>(key);
    merged.putAll(request);
    return merged;
  }

  @Override
  public String toString() {
    return "Authenticate";
  }
}
