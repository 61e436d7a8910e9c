package dev.portcullis.observe;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Request records for tests: a plausible successful call, changed only where a test cares. */
public final class RequestRecords {

  private String id;
  private Instant startedAt;
  private String workspaceId = "default";
  private String apiKeyId = "key-1";
  private String provider = "openai";
  private String model = "gpt-4o-mini";
  private int status = 200;
  private final Map<String, String> metadata = new LinkedHashMap<>();

  private RequestRecords(String id, Instant startedAt) {
    this.id = id;
    this.startedAt = startedAt;
  }

  public static RequestRecords request(String id, Instant startedAt) {
    return new RequestRecords(id, startedAt);
  }

  public static RequestRecord at(String id, long startedAtMillis) {
    return request(id, Instant.ofEpochMilli(startedAtMillis)).build();
  }

  public RequestRecords workspace(String workspaceId) {
    this.workspaceId = workspaceId;
    return this;
  }

  public RequestRecords apiKey(String apiKeyId) {
    this.apiKeyId = apiKeyId;
    return this;
  }

  public RequestRecords provider(String provider) {
    this.provider = provider;
    return this;
  }

  public RequestRecords model(String model) {
    this.model = model;
    return this;
  }

  public RequestRecords status(int status) {
    this.status = status;
    return this;
  }

  public RequestRecords metadata(String key, String value) {
    metadata.put(key, value);
    return this;
  }

  public RequestRecord build() {
    return RequestRecord.builder(id, startedAt).traceId("trace-" + id).workspaceId(workspaceId).apiKeyId(apiKeyId)
        .provider(provider).model(model).method("POST").path("/v1/chat/completions").status(status)
        .latencyMs(120).ttfbMs(80L).tokens(10, 20, 30, null, null).metadata(metadata).build();
  }
}
