package dev.portcullis.observe;

import java.util.List;

/**
 * Hears the events of every call, in order: started, then per provider attempt started and ended, the first byte
 * sent to the client, and ended with the call's {@link RequestRecord}. Request log, metrics, breakers, health
 * scores, traces, detectors and budget settlement are listeners. Callbacks run on the call's event loop: they must
 * not block, and a listener that throws is logged and does not disturb the call or the other listeners.
 */
public interface RequestListener {

  RequestListener NONE = new RequestListener() {};

  default void started(CallView call) {}

  default void attemptStarted(CallView call, AttemptView attempt) {}

  default void attemptEnded(CallView call, AttemptView attempt, AttemptOutcome outcome) {}

  /** The first byte of the answer went to the client. */
  default void firstByte(CallView call) {}

  /** The call ended (answered, failed or abandoned by the client); called once per call. */
  default void ended(CallView call, RequestRecord record) {}

  /** One listener that tells each of {@code listeners}, in order. */
  static RequestListener of(List<RequestListener> listeners) {
    return listeners.isEmpty() ? NONE : listeners.size() == 1 ? listeners.getFirst() : new RequestListeners(listeners);
  }
}
