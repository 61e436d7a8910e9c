package dev.portcullis.routing.config;

/**
 * The outcome of running a plan for one request.
 *
 * @param result the final attempt's result
 * @param lastUsedOptionIndex path of the target that produced it, e.g. {@code config.targets[1].targets[0]}; the
 *     value of the {@code -last-used-option-index} response header
 * @param retryAttemptCount retries made on that target, or -1 when it used every retry and still failed; the value
 *     of the {@code -retry-attempt-count} response header
 */
public record Execution(AttemptResult result, String lastUsedOptionIndex, int retryAttemptCount) {}
