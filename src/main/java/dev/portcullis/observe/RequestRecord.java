package dev.portcullis.observe;

import java.time.Instant;
import java.util.Map;

/**
 * One row of the request log: what was asked, where it went, how it ended. Written after the last byte.
 *
 * @param id gateway request id (unique)
 * @param traceId caller's or generated trace id
 * @param startedAt when the request arrived
 * @param workspaceId owning workspace ("default" until tenancy exists)
 * @param apiKeyId id of the gateway key that authenticated the call, null if none
 * @param virtualKey slug of the virtual key used, or null
 * @param provider provider id that served (or failed) the call, or null when it never got that far
 * @param model model as sent to the provider, or null
 * @param method HTTP method
 * @param path request path, e.g. /v1/chat/completions
 * @param status HTTP status returned to the client (499 when the client went away)
 * @param stream whether the response was streamed
 * @param latencyMs total time from arrival to last byte
 * @param ttfbMs time from arrival to the first response byte sent to the client, or null
 * @param promptTokens usage.prompt_tokens, or null when unknown
 * @param completionTokens usage.completion_tokens, or null
 * @param totalTokens usage.total_tokens, or null
 * @param metadata caller metadata from the -metadata header
 * @param errorType error type when status is not 2xx, else null
 * @param errorMessage error message (secrets removed), else null
 */
public record RequestRecord(
    String id,
    String traceId,
    Instant startedAt,
    String workspaceId,
    String apiKeyId,
    String virtualKey,
    String provider,
    String model,
    String method,
    String path,
    int status,
    boolean stream,
    long latencyMs,
    Long ttfbMs,
    Integer promptTokens,
    Integer completionTokens,
    Integer totalTokens,
    Map<String, String> metadata,
    String errorType,
    String errorMessage) {

  public RequestRecord {
    metadata = Map.copyOf(metadata);
  }
}
