package dev.portcullis.observe.trace;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;

/** One call's spans while it runs: its server span and the client span of the attempt in flight (or null). */
final class CallSpans {

  final Span server;
  final Context serverContext;
  Span attempt;
  int attemptIndex = -1;

  CallSpans(Span server) {
    this.server = server;
    this.serverContext = Context.root().with(server);
  }
}
