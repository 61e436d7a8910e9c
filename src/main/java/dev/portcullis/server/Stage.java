package dev.portcullis.server;

import io.vertx.core.Future;

/**
 * One step of the request path (the shape of Armeria's decorators and OkHttp's interceptors): it gets the call and the
 * rest of the chain, and either answers the call itself (through the {@link ResponseRelay}), refuses it (a failed
 * future, rendered in one place), or passes it on with {@link Chain#proceed} exactly once. A new feature of the path
 * is a new stage in {@link Pipeline}.
 */
@FunctionalInterface
interface Stage {

  /** Completes when this stage and what it passed the call on to are done with it (the answer may still flow). */
  Future<Void> serve(Exchange call, Chain next);
}
