package dev.portcullis.observe;

import java.time.Instant;
import java.util.Map;

/**
 * What a {@link RequestListener} may read of a call in flight, and a place to keep its own state for the call
 * (a trace span, a reservation) until the call ends. Implemented by the request path; read on the call's event loop.
 */
public interface CallView {

  String requestId();

  String traceId();

  /** When the call arrived, wall clock. */
  Instant startedAt();

  /** When the call arrived, on the monotonic tick of the gateway's clock. */
  long startNanos();

  String method();

  String path();

  /** A request header as the client sent it, or null. */
  String header(String name);

  /** The caller's workspace, or null before authentication. */
  String workspaceId();

  /** The gateway key's id, or null before authentication. */
  String apiKeyId();

  /** The call's metadata (the key's under the request's). */
  Map<String, String> metadata();

  /** The model the client asked for, or null when the body names none (or was not read yet). */
  String requestedModel();

  boolean stream();

  /** A listener's state for this call, or null. */
  <T> T attachment(AttachmentKey<T> key);

  <T> void attach(AttachmentKey<T> key, T value);

  /** Names one piece of per-call state; compared by identity, so each owner holds its own key. */
  final class AttachmentKey<T> {
    private final String name;

    public AttachmentKey(String name) {
      this.name = name;
    }

    @Override
    public String toString() {
      return "AttachmentKey[" + name + "]";
    }
  }
}
