package dev.portcullis.server;

import dev.portcullis.api.ChatDialect;
import dev.portcullis.api.GatewayHeaders;
import dev.portcullis.api.openai.OpenAiChatDialect;
import dev.portcullis.model.Usage;
import dev.portcullis.keys.ApiKeyService;
import dev.portcullis.keys.Principal;
import dev.portcullis.observe.RequestRecord;
import dev.portcullis.routing.Target;
import io.vertx.core.http.HttpClientRequest;
import java.time.Instant;
import java.util.Map;

/**
 * The running state of one inbound request, confined to its event loop: filled in stage by stage, turned into a
 * {@link RequestRecord} exactly once when the request ends (successfully, with an error, or by the client leaving).
 */
final class Exchange {

  final String id = RequestIds.next();
  final long startNanos = System.nanoTime();
  final Instant startedAt = Instant.now();
  final String method;
  final String path;
  String traceId;
  String prefix = GatewayHeaders.NATIVE_PREFIX;
  ChatDialect dialect = OpenAiChatDialect.INSTANCE;
  Map<String, String> metadata = Map.of();
  Principal principal;
  Target target;
  int retryAttemptCount;
  String lastUsedOptionIndex;
  boolean stream;
  long firstByteNanos;
  Integer promptTokens;
  Integer completionTokens;
  Integer totalTokens;
  HttpClientRequest upstream;
  long timerId = -1;
  private boolean finished;

  Exchange(String method, String path) {
    this.method = method;
    this.path = path;
  }

  /**
   * Takes the call's token counts from a usage report. Counts the report leaves unknown keep what an earlier report
   * said (Anthropic's stream reports input and output in separate events); a total it does not give is the sum.
   */
  void usage(Usage usage) {
    if (usage == null) {
      return;
    }
    if (usage.promptTokens() != null) {
      promptTokens = usage.promptTokens();
    }
    if (usage.completionTokens() != null) {
      completionTokens = usage.completionTokens();
    }
    if (usage.totalTokens() != null) {
      totalTokens = usage.totalTokens();
    } else if (promptTokens != null && completionTokens != null) {
      totalTokens = promptTokens + completionTokens;
    }
  }

  void markFirstByte() {
    if (firstByteNanos == 0) {
      firstByteNanos = System.nanoTime();
    }
  }

  boolean finished() {
    return finished;
  }

  /** Ends the exchange once; later calls return null so nothing is recorded twice. */
  RequestRecord finish(int status, String errorType, String errorMessage) {
    if (finished) {
      return null;
    }
    finished = true;
    long now = System.nanoTime();
    return RequestRecord.builder(id, startedAt)
        .traceId(traceId)
        .workspaceId(principal == null ? ApiKeyService.DEFAULT_WORKSPACE : principal.workspaceId())
        .apiKeyId(principal == null ? null : principal.keyId())
        .virtualKey(target == null ? null : target.virtualKey())
        .provider(target == null ? null : target.provider().id())
        .model(target == null ? null : target.model())
        .method(method)
        .path(path)
        .status(status)
        .stream(stream)
        .latencyMs((now - startNanos) / 1_000_000)
        .ttfbMs(firstByteNanos == 0 ? null : (firstByteNanos - startNanos) / 1_000_000)
        .tokens(promptTokens, completionTokens, totalTokens, null, null)
        .metadata(metadata)
        .error(errorType, errorMessage)
        .retries(retryAttemptCount)
        .fallbackIndex(lastUsedOptionIndex)
        .build();
  }
}
