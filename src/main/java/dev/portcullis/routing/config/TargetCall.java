package dev.portcullis.routing.config;

import io.vertx.core.Future;

/**
 * Makes one attempt against one target. Implemented by the HTTP layer: it applies the target's provider,
 * credentials, custom host, forwarded headers, override params and {@code request_timeout} (a timeout is reported as
 * {@link AttemptResult#timedOut()}), and completes with {@link AttemptResult.Success} as soon as 2xx response
 * headers arrive. A future that fails is taken as a connection error.
 */
@FunctionalInterface
public interface TargetCall {

  /**
   * @param attempt 0 for the first try on this target, 1 for its first retry, and so on
   */
  Future<AttemptResult> call(TargetNode target, int attempt);
}
