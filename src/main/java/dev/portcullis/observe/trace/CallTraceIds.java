package dev.portcullis.observe.trace;

import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.sdk.trace.IdGenerator;
import java.util.Locale;

/**
 * Span and trace ids; a call that joins no client trace starts one whose id is the call's own trace id (the
 * {@code x-portcullis-trace-id} answer header and the log's {@code trace_id}) without its dashes, when that is a UUID
 * or 32 hex digits, so the log row leads to the trace. The id to use is handed over on the calling thread just
 * before the span starts ({@link #startingWith}); any other root span gets a random one.
 */
final class CallTraceIds implements IdGenerator {

  private static final IdGenerator RANDOM = IdGenerator.random();

  private final ThreadLocal<String> next = new ThreadLocal<>();

  /** Makes {@code callTraceId}, when it has a trace id's shape, the id of the next root span started on this thread. */
  void startingWith(String callTraceId) {
    String hex = callTraceId == null ? null : callTraceId.replace("-", "").toLowerCase(Locale.ROOT);
    next.set(hex != null && TraceId.isValid(hex) ? hex : null);
  }

  @Override
  public String generateTraceId() {
    String id = next.get();
    if (id == null) {
      return RANDOM.generateTraceId();
    }
    next.remove();
    return id;
  }

  @Override
  public String generateSpanId() {
    return RANDOM.generateSpanId();
  }

  @Override
  public String toString() {
    return "CallTraceIds";
  }
}
