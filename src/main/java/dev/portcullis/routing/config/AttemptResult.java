package dev.portcullis.routing.config;

import java.time.Duration;

/**
 * How one call to one target ended, as the {@link TargetCall} reports it.
 *
 * <p>The HTTP layer reports {@link Success} as soon as the upstream's 2xx response headers arrive, before any body
 * byte is relayed; from then on the plan is done. So fallback and retry only ever happen before the first byte
 * reaches the client, which keeps them safe for streams.
 */
public sealed interface AttemptResult permits AttemptResult.Success, AttemptResult.Failure {

  /** Status of a call that never got an HTTP answer (refused, reset, DNS or TLS failure). */
  int CONNECTION_ERROR = 0;

  /** Status of a call cut off by its {@code request_timeout}. */
  int TIMEOUT = 408;

  static Success success(Object response) {
    return new Success(response);
  }

  /** The upstream answered {@code status}; {@code retryAfter} is what it asked us to wait, or null. */
  static Failure failure(int status, Duration retryAfter) {
    return new Failure(status, retryAfter, null);
  }

  static Failure connectionError(Throwable error) {
    return new Failure(CONNECTION_ERROR, null, error);
  }

  static Failure timedOut() {
    return new Failure(TIMEOUT, null, null);
  }

  /** The upstream accepted the call; {@code response} is opaque to routing and handed back to the caller. */
  record Success(Object response) implements AttemptResult {}

  /**
   * The call failed.
   *
   * @param status the upstream's HTTP status, {@link #CONNECTION_ERROR} or {@link #TIMEOUT}
   * @param retryAfter the wait the upstream asked for (Retry-After, retry-after-ms), or null
   * @param error the cause when there is one, or null
   */
  record Failure(int status, Duration retryAfter, Throwable error) implements AttemptResult {

    public Failure {
      if (status != CONNECTION_ERROR && (status < 100 || status > 599)) {
        throw new IllegalArgumentException("status: " + status + " (expected: 0 or 100..599)");
      }
    }

    /**
     * Whether this failure says something about the target's health: no answer, a timeout, rate limiting or a
     * server error. Other 4xx answers mean the request was wrong, not the target, and count as healthy calls.
     */
    public boolean blamesTarget() {
      return status == CONNECTION_ERROR || status == TIMEOUT || status == 429 || status >= 500;
    }

    @Override
    public String toString() {
      String what = status == CONNECTION_ERROR ? "connection error" : "status " + status;
      return "Failure[" + what + (retryAfter == null ? "" : ", retry after " + retryAfter.toMillis() + " ms")
          + (error == null ? "" : ", " + error) + "]";
    }
  }
}
