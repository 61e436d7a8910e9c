package dev.portcullis.observe;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Several listeners heard as one, in order; one that throws is logged and skipped for that event only. */
final class RequestListeners implements RequestListener {

  private static final Logger LOG = LoggerFactory.getLogger(RequestListeners.class);

  private final RequestListener[] listeners;

  RequestListeners(List<RequestListener> listeners) {
    this.listeners = listeners.toArray(RequestListener[]::new);
  }

  @Override
  public void started(CallView call) {
    for (RequestListener l : listeners) {
      try {
        l.started(call);
      } catch (RuntimeException e) {
        failed(l, "started", e);
      }
    }
  }

  @Override
  public void attemptStarted(CallView call, AttemptView attempt) {
    for (RequestListener l : listeners) {
      try {
        l.attemptStarted(call, attempt);
      } catch (RuntimeException e) {
        failed(l, "attemptStarted", e);
      }
    }
  }

  @Override
  public void attemptEnded(CallView call, AttemptView attempt, AttemptOutcome outcome) {
    for (RequestListener l : listeners) {
      try {
        l.attemptEnded(call, attempt, outcome);
      } catch (RuntimeException e) {
        failed(l, "attemptEnded", e);
      }
    }
  }

  @Override
  public void firstByte(CallView call) {
    for (RequestListener l : listeners) {
      try {
        l.firstByte(call);
      } catch (RuntimeException e) {
        failed(l, "firstByte", e);
      }
    }
  }

  @Override
  public void ended(CallView call, RequestRecord record) {
    for (RequestListener l : listeners) {
      try {
        l.ended(call, record);
      } catch (RuntimeException e) {
        failed(l, "ended", e);
      }
    }
  }

  private static void failed(RequestListener listener, String event, RuntimeException e) {
    LOG.error("request listener {} failed on {}", listener, event, e);
  }

  @Override
  public String toString() {
    return "RequestListeners" + List.of(listeners);
  }
}
