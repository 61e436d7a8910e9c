package dev.portcullis.observe;

/**
 * How one provider attempt ended.
 *
 * @param status the provider's HTTP status, or 0 when no answer came
 * @param errorType the error type when it failed, else null
 * @param durationNanos from sending to the answer's head (or the failure)
 * @param blamesTarget whether the failure counts against the target's health (its own 5xx, 429, a connection error
 *     or the gateway's default timeout; never a caller-chosen timeout, a 4xx the caller caused, or a client leaving)
 */
public record AttemptOutcome(int status, String errorType, long durationNanos, boolean blamesTarget) {

  public boolean succeeded() {
    return errorType == null && status > 0 && status < 400;
  }
}
