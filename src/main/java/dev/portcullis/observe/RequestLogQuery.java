package dev.portcullis.observe;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which request log rows to list. Every filter that is set must match; null (or an empty metadata map) means no
 * filter.
 *
 * @param from earliest start time, inclusive
 * @param to latest start time, exclusive
 * @param model model as sent to the provider
 * @param provider provider id
 * @param status HTTP status returned to the client
 * @param apiKeyId gateway key id
 * @param metadata caller metadata entries that must all be present with exactly these values
 * @param workspaceIds the workspaces whose rows are listed (any of them); empty for every workspace
 * @param limit rows per page, 1..{@value #MAX_LIMIT}
 * @param after the cursor of the previous page, or null for the first page
 */
public record RequestLogQuery(
    Instant from,
    Instant to,
    String model,
    String provider,
    Integer status,
    String apiKeyId,
    Map<String, String> metadata,
    Set<String> workspaceIds,
    int limit,
    RequestLogCursor after) {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 1000;

  /** What a metadata key filtered on may look like. */
  public static final Pattern METADATA_KEY = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  public RequestLogQuery {
    metadata = Map.copyOf(metadata);
    workspaceIds = Set.copyOf(workspaceIds);
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit: " + limit + " (expected: 1.." + MAX_LIMIT + ")");
    }
    for (String key : metadata.keySet()) {
      if (!METADATA_KEY.matcher(key).matches()) {
        throw new IllegalArgumentException(
            "metadata key: '" + key + "' (expected: 1..64 of the characters A-Z a-z 0-9 _ . -)");
      }
    }
  }

  /** A query for the newest {@value #DEFAULT_LIMIT} rows, to narrow down. */
  public static Builder newest() {
    return new Builder();
  }

  /** Collects the filters of a {@link RequestLogQuery}; each setter replaces what it set before. */
  public static final class Builder {
    private Instant from;
    private Instant to;
    private String model;
    private String provider;
    private Integer status;
    private String apiKeyId;
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private Set<String> workspaceIds = Set.of();
    private int limit = DEFAULT_LIMIT;
    private RequestLogCursor after;

    private Builder() {}

    public Builder from(Instant from) {
      this.from = from;
      return this;
    }

    public Builder to(Instant to) {
      this.to = to;
      return this;
    }

    public Builder model(String model) {
      this.model = model;
      return this;
    }

    public Builder provider(String provider) {
      this.provider = provider;
      return this;
    }

    public Builder status(Integer status) {
      this.status = status;
      return this;
    }

    public Builder apiKeyId(String apiKeyId) {
      this.apiKeyId = apiKeyId;
      return this;
    }

    public Builder metadata(String key, String value) {
      metadata.put(key, value);
      return this;
    }

    /** Rows of this one workspace. */
    public Builder workspaceId(String workspaceId) {
      return workspaceIds(Set.of(workspaceId));
    }

    /** Rows of any of these workspaces (a workspace and its descendants, say). */
    public Builder workspaceIds(Collection<String> workspaceIds) {
      this.workspaceIds = Set.copyOf(workspaceIds);
      return this;
    }

    public Builder limit(int limit) {
      this.limit = limit;
      return this;
    }

    public Builder after(RequestLogCursor after) {
      this.after = after;
      return this;
    }

    /** @throws IllegalArgumentException when the limit or a metadata key is out of bounds */
    public RequestLogQuery build() {
      return new RequestLogQuery(from, to, model, provider, status, apiKeyId, metadata, workspaceIds, limit, after);
    }
  }
}
