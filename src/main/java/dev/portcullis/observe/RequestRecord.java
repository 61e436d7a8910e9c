package dev.portcullis.observe;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One row of the request log: what was asked, where it went, how it ended, what it cost and what governance decided.
 * Written after the last byte. Build one with {@link #builder}; every field a call never reached is null (never 0).
 *
 * @param id gateway request id (unique)
 * @param traceId caller's or generated trace id
 * @param startedAt when the request arrived
 * @param workspaceId owning workspace
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
 * @param promptTokens input tokens, or null when unknown
 * @param completionTokens output tokens, or null
 * @param totalTokens total tokens, or null
 * @param cachedTokens input tokens read from the provider's prompt cache (part of promptTokens), or null
 * @param reasoningTokens output tokens spent reasoning (part of completionTokens), or null
 * @param metadata caller metadata (the key's metadata under the request's)
 * @param userId the end user ({@code _user} in the metadata, else the body's {@code user}), or null
 * @param errorType error type when status is not 2xx, else null
 * @param errorMessage error message (secrets removed), else null
 * @param retries retries of the target that answered last: 0 when its first attempt ended the call, -1 when its
 *     retries were exhausted
 * @param fallbackIndex the config option that answered ({@code config.targets[1]}), or null without a config
 * @param attempts every provider attempt in order (empty when none was made)
 * @param costUsd what the call cost in USD, or null when no price is known
 * @param costStatus {@code priced}, {@code estimated} (tokens counted locally) or {@code unpriced}; null when no
 *     provider was called
 * @param cacheStatus {@code DISABLED}, {@code MISS}, {@code HIT}, {@code SEMANTIC_MISS}, {@code SEMANTIC_HIT} or
 *     {@code REFRESH}; null when the request never reached the cache
 * @param cacheSavedUsd what a cache hit saved, or null
 * @param policyRuleIds every policy rule that matched
 * @param policyVerdict {@code allow}, {@code deny}, {@code rate_limited} or {@code budget_exceeded}; null when no
 *     policy applied
 * @param guardrailVerdict {@code passed}, {@code flagged}, {@code redacted} or {@code denied}; null when no
 *     guardrail applied
 * @param hookResults the guardrail results as JSON ({@code {"before_request_hooks": [...], ...}}), never holding a
 *     matched value; null when no guardrail applied
 * @param promptId the prompt the call was rendered from, or null
 * @param promptVersion that prompt's version, or null
 * @param promptLabel the label the version was chosen by, or null
 * @param requestBody the request body, kept only where a policy asks for content logging (redacted), else null
 * @param responseBody the answer body, under the same rule, else null
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
    Integer cachedTokens,
    Integer reasoningTokens,
    Map<String, String> metadata,
    String userId,
    String errorType,
    String errorMessage,
    int retries,
    String fallbackIndex,
    List<AttemptRecord> attempts,
    BigDecimal costUsd,
    String costStatus,
    String cacheStatus,
    BigDecimal cacheSavedUsd,
    List<String> policyRuleIds,
    String policyVerdict,
    String guardrailVerdict,
    String hookResults,
    String promptId,
    Integer promptVersion,
    String promptLabel,
    String requestBody,
    String responseBody) {

  public RequestRecord {
    metadata = Map.copyOf(metadata);
    attempts = List.copyOf(attempts);
    policyRuleIds = List.copyOf(policyRuleIds);
  }

  public static Builder builder(String id, Instant startedAt) {
    return new Builder(id, startedAt);
  }

  public Builder toBuilder() {
    return new Builder(id, startedAt).traceId(traceId).workspaceId(workspaceId).apiKeyId(apiKeyId)
        .virtualKey(virtualKey).provider(provider).model(model).method(method).path(path).status(status)
        .stream(stream).latencyMs(latencyMs).ttfbMs(ttfbMs)
        .tokens(promptTokens, completionTokens, totalTokens, cachedTokens, reasoningTokens)
        .metadata(metadata).userId(userId).error(errorType, errorMessage).retries(retries)
        .fallbackIndex(fallbackIndex).attempts(attempts).cost(costUsd, costStatus).cache(cacheStatus, cacheSavedUsd)
        .policy(policyRuleIds, policyVerdict).guardrails(guardrailVerdict, hookResults)
        .prompt(promptId, promptVersion, promptLabel).bodies(requestBody, responseBody);
  }

  /** Builds a record field by field; what is never set stays null, empty, 0 or false. */
  public static final class Builder {
    private final String id;
    private final Instant startedAt;
    private String traceId;
    private String workspaceId;
    private String apiKeyId;
    private String virtualKey;
    private String provider;
    private String model;
    private String method;
    private String path;
    private int status;
    private boolean stream;
    private long latencyMs;
    private Long ttfbMs;
    private Integer promptTokens;
    private Integer completionTokens;
    private Integer totalTokens;
    private Integer cachedTokens;
    private Integer reasoningTokens;
    private Map<String, String> metadata = Map.of();
    private String userId;
    private String errorType;
    private String errorMessage;
    private int retries;
    private String fallbackIndex;
    private List<AttemptRecord> attempts = List.of();
    private BigDecimal costUsd;
    private String costStatus;
    private String cacheStatus;
    private BigDecimal cacheSavedUsd;
    private List<String> policyRuleIds = List.of();
    private String policyVerdict;
    private String guardrailVerdict;
    private String hookResults;
    private String promptId;
    private Integer promptVersion;
    private String promptLabel;
    private String requestBody;
    private String responseBody;

    private Builder(String id, Instant startedAt) {
      this.id = id;
      this.startedAt = startedAt;
    }

    public Builder traceId(String traceId) {
      this.traceId = traceId;
      return this;
    }

    public Builder workspaceId(String workspaceId) {
      this.workspaceId = workspaceId;
      return this;
    }

    public Builder apiKeyId(String apiKeyId) {
      this.apiKeyId = apiKeyId;
      return this;
    }

    public Builder virtualKey(String virtualKey) {
      this.virtualKey = virtualKey;
      return this;
    }

    public Builder provider(String provider) {
      this.provider = provider;
      return this;
    }

    public Builder model(String model) {
      this.model = model;
      return this;
    }

    public Builder method(String method) {
      this.method = method;
      return this;
    }

    public Builder path(String path) {
      this.path = path;
      return this;
    }

    public Builder status(int status) {
      this.status = status;
      return this;
    }

    public Builder stream(boolean stream) {
      this.stream = stream;
      return this;
    }

    public Builder latencyMs(long latencyMs) {
      this.latencyMs = latencyMs;
      return this;
    }

    public Builder ttfbMs(Long ttfbMs) {
      this.ttfbMs = ttfbMs;
      return this;
    }

    public Builder tokens(Integer prompt, Integer completion, Integer total, Integer cached, Integer reasoning) {
      this.promptTokens = prompt;
      this.completionTokens = completion;
      this.totalTokens = total;
      this.cachedTokens = cached;
      this.reasoningTokens = reasoning;
      return this;
    }

    public Builder metadata(Map<String, String> metadata) {
      this.metadata = metadata;
      return this;
    }

    public Builder userId(String userId) {
      this.userId = userId;
      return this;
    }

    public Builder error(String type, String message) {
      this.errorType = type;
      this.errorMessage = message;
      return this;
    }

    public Builder retries(int retries) {
      this.retries = retries;
      return this;
    }

    public Builder fallbackIndex(String fallbackIndex) {
      this.fallbackIndex = fallbackIndex;
      return this;
    }

    public Builder attempts(List<AttemptRecord> attempts) {
      this.attempts = attempts;
      return this;
    }

    public Builder cost(BigDecimal usd, String status) {
      this.costUsd = usd;
      this.costStatus = status;
      return this;
    }

    public Builder cache(String status, BigDecimal savedUsd) {
      this.cacheStatus = status;
      this.cacheSavedUsd = savedUsd;
      return this;
    }

    public Builder policy(List<String> ruleIds, String verdict) {
      this.policyRuleIds = ruleIds;
      this.policyVerdict = verdict;
      return this;
    }

    public Builder guardrails(String verdict, String hookResults) {
      this.guardrailVerdict = verdict;
      this.hookResults = hookResults;
      return this;
    }

    public Builder prompt(String id, Integer version, String label) {
      this.promptId = id;
      this.promptVersion = version;
      this.promptLabel = label;
      return this;
    }

    public Builder bodies(String request, String response) {
      this.requestBody = request;
      this.responseBody = response;
      return this;
    }

    public RequestRecord build() {
      return new RequestRecord(id, traceId, startedAt, workspaceId, apiKeyId, virtualKey, provider, model, method,
          path, status, stream, latencyMs, ttfbMs, promptTokens, completionTokens, totalTokens, cachedTokens,
          reasoningTokens, metadata, userId, errorType, errorMessage, retries, fallbackIndex, attempts, costUsd,
          costStatus, cacheStatus, cacheSavedUsd, policyRuleIds, policyVerdict, guardrailVerdict, hookResults,
          promptId, promptVersion, promptLabel, requestBody, responseBody);
    }
  }
}
