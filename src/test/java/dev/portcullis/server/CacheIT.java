package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.observe.CallView;
import dev.portcullis.observe.RequestListener;
import dev.portcullis.observe.RequestRecord;
import dev.portcullis.testing.MutableClock;
import dev.portcullis.mock.MockUpstream;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The response cache as a client sees it: hits without a provider call, its keys, its lifetime, streams, errors. */
class CacheIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CONFIG = "{\"cache\":{\"mode\":\"simple\",\"max_age\":60}}";
  private static final String CHAT = "{\"model\":\"openai/gpt-4o-mini\",\"temperature\":0.2,"
      + "\"messages\":[{\"role\":\"user\",\"content\":\"What is the capital of France?\"}]}";

  @TempDir
  Path dir;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
  private final List<RequestRecord> records = new CopyOnWriteArrayList<>();
  private final RequestListener recorder = new RequestListener() {
    @Override
    public void ended(CallView call, RequestRecord record) {
      records.add(record);
    }
  };
  private GatewayHarness h;
  private Vertx upstreamVertx;

  private void start() {
    start(mock -> Map.of());
  }

  private void start(Function<MockUpstream, Map<String, String>> env) {
    h = new GatewayHarness(dir, env, new Extensions(clock, List.of(recorder), List.of()));
  }

  @AfterEach
  void stop() {
    if (h != null) {
      h.close();
    }
    if (upstreamVertx != null) {
      upstreamVertx.close().await();
    }
  }

  private HttpResponse<String> cached(String body, String... headers) {
    List<String> all = new ArrayList<>(List.of("x-portkey-config", CONFIG));
    all.addAll(List.of(headers));
    return h.chat(body, all.toArray(String[]::new));
  }

  private int upstreamCalls() {
    return h.mock.recordedRequests().size();
  }

  private static String status(HttpResponse<String> r) {
    return r.headers().firstValue("x-portkey-cache-status")
        .orElse(r.headers().firstValue("x-portcullis-cache-status").orElse(null));
  }

  @Test
  void aRepeatedRequestIsAnsweredFromTheCacheWithoutCallingTheProvider() throws Exception {
    start();
    HttpResponse<String> first = cached(CHAT);
    HttpResponse<String> second = cached(CHAT);

    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(status(first)).isEqualTo("MISS");
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(status(second)).isEqualTo("HIT");
    assertThat(upstreamCalls()).isEqualTo(1);
    JsonNode a = JSON.readTree(first.body());
    JsonNode b = JSON.readTree(second.body());
    assertThat(b.path("id").asText()).isEqualTo(a.path("id").asText());
    assertThat(b.at("/choices/0/message/content").asText()).isEqualTo(a.at("/choices/0/message/content").asText());
    assertThat(b.path("usage")).isEqualTo(a.path("usage"));
    await().until(() -> records.size() == 2);
    assertThat(records).extracting(RequestRecord::cacheStatus).containsExactly("MISS", "HIT");
    assertThat(records.get(1).provider()).isNull();
  }

  @Test
  void theResponseAnswersInThePrefixTheCallerUsed() {
    start();
    HttpResponse<String> r = h.chat(CHAT, "x-portkey-config", CONFIG);

    assertThat(r.headers().firstValue("x-portkey-cache-status")).contains("MISS");
    assertThat(r.headers().firstValue("x-portcullis-cache-status")).isEmpty();
  }

  @Test
  void everyAnswerSaysDisabledWhenNoCacheApplies() {
    start();
    HttpResponse<String> r = h.chat(CHAT);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("x-portcullis-cache-status")).contains("DISABLED");
    await().until(() -> records.size() == 1);
    assertThat(records.getFirst().cacheStatus()).isEqualTo("DISABLED");
  }

  @Test
  void theEndUserTheMetadataTheTraceAndTheStreamFlagAreNotPartOfTheKey() {
    start();
    cached(CHAT);
    String withUser = CHAT.replace("\"temperature\"", "\"user\":\"alice\",\"metadata\":{\"team\":\"x\"},"
        + "\"stream\":false,\"temperature\"");

    HttpResponse<String> r = cached(withUser, "x-portkey-metadata", "{\"_user\":\"bob\"}", "x-portkey-trace-id",
        "trace-other");

    assertThat(status(r)).isEqualTo("HIT");
    assertThat(upstreamCalls()).isEqualTo(1);
  }

  @Test
  void aRequestThatDiffersInWhatDeterminesTheAnswerIsAMiss() {
    start();
    cached(CHAT);

    assertThat(status(cached(CHAT.replace("0.2", "0.3")))).isEqualTo("MISS");
    assertThat(status(cached(CHAT.replace("France", "Spain")))).isEqualTo("MISS");
    assertThat(status(cached(CHAT.replace("\"temperature\":0.2,", "\"temperature\":0.2,\"seed\":7,"))))
        .isEqualTo("MISS");
    assertThat(status(cached(CHAT.replace("gpt-4o-mini", "gpt-4o")))).isEqualTo("MISS");
    assertThat(upstreamCalls()).isEqualTo(5);
  }

  @Test
  void theOrderOfFieldsInTheBodyDoesNotMatter() {
    start();
    cached(CHAT);
    String reordered = "{\"messages\":[{\"content\":\"What is the capital of France?\",\"role\":\"user\"}],"
        + "\"temperature\":0.2,\"model\":\"openai/gpt-4o-mini\"}";

    assertThat(status(cached(reordered))).isEqualTo("HIT");
  }

  @Test
  void anEntryOfOneWorkspaceIsNeverServedToAnother() throws Exception {
    start();
    String ws = JSON.readTree(h.admin(h.post("/admin/v1/workspaces", "{\"name\":\"tenant-b\"}")).body())
        .path("id").asText();
    String key = JSON.readTree(h.admin(h.post("/admin/v1/api-keys", "{\"name\":\"b\",\"workspace_id\":\"" + ws
        + "\"}")).body()).path("key").asText();
    cached(CHAT);

    HttpResponse<String> other = h.send(h.post("/v1/chat/completions", CHAT).header("authorization", "Bearer " + key)
        .header("x-portkey-config", CONFIG));

    assertThat(other.statusCode()).as(other.body()).isEqualTo(200);
    assertThat(status(other)).isEqualTo("MISS");
    assertThat(upstreamCalls()).isEqualTo(2);
  }

  @Test
  void namespacesKeepEntriesApart() {
    start();
    cached(CHAT, "x-portkey-cache-namespace", "alpha");

    assertThat(status(cached(CHAT, "x-portkey-cache-namespace", "beta"))).isEqualTo("MISS");
    assertThat(status(cached(CHAT))).isEqualTo("MISS");
    assertThat(status(cached(CHAT, "x-portkey-cache-namespace", "alpha"))).isEqualTo("HIT");
  }

  @Test
  void anEntryIsServedUntilItsMaxAgeThenTheProviderIsCalledAgain() {
    start();
    cached(CHAT);
    clock.advance(Duration.ofSeconds(59));
    assertThat(status(cached(CHAT))).isEqualTo("HIT");

    clock.advance(Duration.ofSeconds(2));

    assertThat(status(cached(CHAT))).isEqualTo("MISS");
    assertThat(upstreamCalls()).isEqualTo(2);
  }

  @Test
  void forceRefreshCallsTheProviderAndItsAnswerReplacesTheEntry() throws Exception {
    start();
    String firstId = JSON.readTree(cached(CHAT).body()).path("id").asText();

    HttpResponse<String> refreshed = cached(CHAT, "x-portkey-cache-force-refresh", "true");
    HttpResponse<String> after = cached(CHAT);

    assertThat(status(refreshed)).isEqualTo("REFRESH");
    assertThat(upstreamCalls()).isEqualTo(2);
    String refreshedId = JSON.readTree(refreshed.body()).path("id").asText();
    assertThat(refreshedId).isNotEqualTo(firstId);
    assertThat(status(after)).isEqualTo("HIT");
    assertThat(JSON.readTree(after.body()).path("id").asText()).isEqualTo(refreshedId);
  }

  @Test
  void aStreamingRequestIsAnsweredFromAWholeEntryAsAnOpenAiStreamWithItsUsageChunk() throws Exception {
    start();
    JsonNode whole = JSON.readTree(cached(CHAT).body());
    String streaming = CHAT.replace("\"temperature\"", "\"stream\":true,\"stream_options\":{\"include_usage\":true},"
        + "\"temperature\"");

    HttpResponse<String> r = cached(streaming);

    assertThat(status(r)).isEqualTo("HIT");
    assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v)
        .startsWith("text/event-stream"));
    List<JsonNode> events = openAiEvents(r.body());
    assertThat(text(events)).isEqualTo(whole.at("/choices/0/message/content").asText());
    assertThat(events.getLast().path("choices")).isEmpty();
    assertThat(events.getLast().path("usage")).isEqualTo(whole.path("usage"));
    assertThat(events).anySatisfy(e -> assertThat(e.at("/choices/0/finish_reason").asText()).isEqualTo("stop"));
    assertThat(r.body()).endsWith("data: [DONE]\n\n");
    assertThat(upstreamCalls()).isEqualTo(1);
  }

  @Test
  void aReplayedStreamHasNoUsageChunkWhenTheRequestDidNotAskForOne() throws Exception {
    start();
    cached(CHAT);

    HttpResponse<String> r = cached(CHAT.replace("\"temperature\"", "\"stream\":true,\"temperature\""));

    assertThat(status(r)).isEqualTo("HIT");
    assertThat(openAiEvents(r.body())).allSatisfy(e -> assertThat(e.has("usage") && !e.get("usage").isNull())
        .isFalse());
  }

  @Test
  void aStreamedMissIsStoredOnceCompleteAndAnswersAWholeRequest() throws Exception {
    start();
    String streaming = CHAT.replace("\"temperature\"", "\"stream\":true,\"temperature\"");
    HttpResponse<String> streamed = cached(streaming, "x-mock-chunks", "4", "x-portkey-forward-headers",
        "x-mock-chunks");
    assertThat(status(streamed)).isEqualTo("MISS");
    String streamedText = text(openAiEvents(streamed.body()));

    HttpResponse<String> whole = cached(CHAT);

    assertThat(status(whole)).isEqualTo("HIT");
    assertThat(JSON.readTree(whole.body()).at("/choices/0/message/content").asText()).isEqualTo(streamedText);
    assertThat(JSON.readTree(whole.body()).at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    assertThat(upstreamCalls()).isEqualTo(1);
  }

  @Test
  void anAnthropicClientGetsTheReplayInAnthropicsStreamFormat() throws Exception {
    start();
    String messages = "{\"model\":\"openai/gpt-4o-mini\",\"max_tokens\":100,"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"What is the capital of France?\"}]}";
    HttpResponse<String> first = h.send(h.post("/v1/messages", messages)
        .header("authorization", "Bearer " + GatewayHarness.ADMIN_KEY).header("x-portkey-config", CONFIG));
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(status(first)).isEqualTo("MISS");
    String text = JSON.readTree(first.body()).at("/content/0/text").asText();

    HttpResponse<String> r = h.send(h.post("/v1/messages", messages.replace("\"max_tokens\"", "\"stream\":true,"
        + "\"max_tokens\"")).header("authorization", "Bearer " + GatewayHarness.ADMIN_KEY)
        .header("x-portkey-config", CONFIG));

    assertThat(status(r)).isEqualTo("HIT");
    StringBuilder streamed = new StringBuilder();
    List<String> types = new ArrayList<>();
    for (String line : r.body().split("\n")) {
      if (line.startsWith("data: ")) {
        JsonNode event = JSON.readTree(line.substring(6));
        types.add(event.path("type").asText());
        streamed.append(event.at("/delta/text").asText(""));
      }
    }
    assertThat(types).startsWith("message_start").endsWith("message_delta", "message_stop")
        .contains("content_block_start", "content_block_delta", "content_block_stop");
    assertThat(streamed.toString()).isEqualTo(text);
    assertThat(r.body()).contains("\"output_tokens\"");
    assertThat(upstreamCalls()).isEqualTo(1);
  }

  @Test
  void errorAnswersAreNeverStored() {
    start();
    HttpResponse<String> failed = cached(CHAT, "x-mock-status", "500", "x-portkey-forward-headers", "x-mock-status");
    assertThat(failed.statusCode()).isEqualTo(500);

    HttpResponse<String> r = cached(CHAT);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(status(r)).isEqualTo("MISS");
    assertThat(upstreamCalls()).isEqualTo(2);
  }

  @Test
  void aStreamThatBrokeOffIsNeverStored() {
    upstreamVertx = Vertx.vertx();
    HttpServer broken = startBrokenUpstream(upstreamVertx);
    start(mock -> Map.of("PORTCULLIS_PROVIDER_OPENAI_BASE_URL", "http://127.0.0.1:" + broken.actualPort() + "/v1"));
    String streaming = CHAT.replace("\"temperature\"", "\"stream\":true,\"temperature\"");
    try {
      HttpResponse<String> cut = cached(streaming);
      assertThat(cut.body()).doesNotContain("[DONE]");
    } catch (IllegalStateException expected) {
      // the client's stream is cut too: the connection is reset
    }

    HttpResponse<String> r = cached(CHAT);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(status(r)).isEqualTo("MISS");
  }

  /**
   * An OpenAI-compatible upstream whose streams send one chunk and then close the connection; whole answers are
   * fine.
   */
  private static HttpServer startBrokenUpstream(Vertx vertx) {
    return vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
      if (body.toString().contains("\"stream\":true")) {
        req.response().setChunked(true).putHeader("content-type", "text/event-stream")
            .write("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Par\"},"
                + "\"finish_reason\":null}]}\n\n")
            .onComplete(v -> req.connection().close());
      } else {
        req.response().putHeader("content-type", "application/json")
            .end("{\"id\":\"c2\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\",\"choices\":[{"
                + "\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Paris\"},"
                + "\"finish_reason\":\"stop\"}]}");
      }
    })).listen(0, "127.0.0.1").await();
  }

  @Test
  void aKeyWithACacheOfItsOwnHasItsCallsCachedWithoutAConfigAndAConfigOverridesIt() throws Exception {
    start();
    HttpResponse<String> created = h.admin(h.post("/admin/v1/api-keys", "{\"name\":\"cached-key\","
        + "\"cache\":{\"mode\":\"simple\",\"max_age\":60}}"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode key = JSON.readTree(created.body());
    assertThat(key.path("cache").path("max_age").asInt()).isEqualTo(60);
    String secret = key.path("key").asText();

    assertThat(status(byKey(secret))).isEqualTo("MISS");
    assertThat(status(byKey(secret))).isEqualTo("HIT");
    assertThat(status(byKey(secret, "x-portkey-config", "{\"retry\":{\"attempts\":1}}"))).isEqualTo("HIT");

    HttpResponse<String> removed = h.admin(h.request("PATCH", "/admin/v1/api-keys/" + key.path("id").asText(),
        "{\"cache\":null}"));
    assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);
    assertThat(status(byKey(secret))).isEqualTo("DISABLED");
    assertThat(upstreamCalls()).isEqualTo(2);
  }

  @Test
  void aKeyIsRefusedABadCacheSetting() {
    start();
    HttpResponse<String> r = h.admin(h.post("/admin/v1/api-keys", "{\"name\":\"bad-cache\","
        + "\"cache\":{\"mode\":\"simple\",\"max_age\":-5}}"));

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("api key: cache.max_age is -5", "whole seconds");
  }

  private HttpResponse<String> byKey(String secret, String... headers) {
    HttpRequest.Builder b = h.post("/v1/chat/completions", CHAT).header("authorization", "Bearer " + secret);
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return h.send(b);
  }

  @Test
  void semanticModeAnswersAParaphraseButNeverAQuestionAboutAnotherNumberOrEntity() throws Exception {
    start();
    String semantic = "{\"cache\":{\"mode\":\"semantic\",\"max_age\":60}}";
    String first = CHAT;
    String paraphrase = CHAT.replace("What is the capital of France?", "What's the capital city of France?");
    String otherEntity = CHAT.replace("France", "Germany");
    String otherSystem = CHAT.replace("\"messages\":[", "\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},");

    HttpResponse<String> stored = h.chat(first, "x-portkey-config", semantic);
    HttpResponse<String> exact = h.chat(first, "x-portkey-config", semantic);
    HttpResponse<String> close = h.chat(paraphrase, "x-portkey-config", semantic);
    HttpResponse<String> elsewhere = h.chat(otherEntity, "x-portkey-config", semantic);
    HttpResponse<String> briefer = h.chat(otherSystem, "x-portkey-config", semantic);

    assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
    assertThat(status(stored)).isEqualTo("SEMANTIC_MISS");
    assertThat(status(exact)).isEqualTo("HIT");
    assertThat(status(close)).isEqualTo("SEMANTIC_HIT");
    assertThat(JSON.readTree(close.body()).path("id")).isEqualTo(JSON.readTree(stored.body()).path("id"));
    assertThat(status(elsewhere)).isEqualTo("SEMANTIC_MISS");
    assertThat(status(briefer)).isEqualTo("SEMANTIC_MISS");
    assertThat(upstreamCalls()).isEqualTo(3);
    await().until(() -> records.size() == 5);
    assertThat(records).extracting(RequestRecord::cacheStatus)
        .containsExactly("SEMANTIC_MISS", "HIT", "SEMANTIC_HIT", "SEMANTIC_MISS", "SEMANTIC_MISS");
  }

  @Test
  void semanticModeMatchesRequestsWithToolsExactlyOnly() {
    start();
    String semantic = "{\"cache\":{\"mode\":\"semantic\",\"max_age\":60}}";
    String tools = ",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"capital\","
        + "\"parameters\":{\"type\":\"object\",\"properties\":{}}}}]}";
    String withTools = CHAT.substring(0, CHAT.length() - 1) + tools;
    String paraphrase = withTools.replace("What is the capital of France?", "What's the capital city of France?");

    assertThat(status(h.chat(withTools, "x-portkey-config", semantic))).isEqualTo("SEMANTIC_MISS");
    assertThat(status(h.chat(paraphrase, "x-portkey-config", semantic))).isEqualTo("SEMANTIC_MISS");
    assertThat(status(h.chat(withTools, "x-portkey-config", semantic))).isEqualTo("HIT");
    assertThat(upstreamCalls()).isEqualTo(2);
  }

  @Test
  void aBadCacheSettingIsRefusedNamingTheValue() {
    start();
    HttpResponse<String> mode = h.chat(CHAT, "x-portkey-config", "{\"cache\":{\"mode\":\"exact\"}}");
    HttpResponse<String> age = h.chat(CHAT, "x-portkey-config", "{\"cache\":{\"mode\":\"simple\",\"max_age\":\"1h\"}}");
    HttpResponse<String> refresh = cached(CHAT, "x-portkey-cache-force-refresh", "yes");

    assertThat(mode.statusCode()).isEqualTo(400);
    assertThat(mode.body()).contains("'exact'", "simple", "semantic");
    assertThat(age.statusCode()).isEqualTo(400);
    assertThat(age.body()).contains("max_age", "\\\"1h\\\"", "seconds");
    assertThat(refresh.statusCode()).isEqualTo(400);
    assertThat(refresh.body()).contains("x-portkey-cache-force-refresh", "'yes'", "true or false");
    assertThat(upstreamCalls()).isZero();
  }

  @Test
  void adminSeesEntriesAndCountsAndPurgesANamespaceOrEverything() throws Exception {
    start();
    cached(CHAT);
    cached(CHAT);
    cached(CHAT, "x-portkey-cache-namespace", "alpha");

    JsonNode stats = JSON.readTree(h.admin(h.get("/admin/v1/cache")).body()).path("data");
    JsonNode root = null;
    for (JsonNode row : stats) {
      if (row.path("entries").asLong() > 0) {
        root = row;
      }
    }
    assertThat(root).isNotNull();
    assertThat(root.path("entries").asLong()).isEqualTo(2);
    assertThat(root.path("bytes").asLong()).isPositive();
    assertThat(root.path("hits").asLong()).isEqualTo(1);
    assertThat(root.path("misses").asLong()).isEqualTo(2);
    assertThat(root.path("semantic_hits").asLong()).isZero();
    await().atMost(Duration.ofSeconds(10)).until(() -> rootSavedUsd() > 0);
    double logged = 0;
    for (JsonNode row : JSON.readTree(h.admin(h.get("/admin/v1/logs")).body()).path("data")) {
      logged += row.path("cache_saved_usd").asDouble();
    }
    assertThat(rootSavedUsd()).as("what the hit's log row says it saved").isCloseTo(logged, within(1e-12));

    HttpResponse<String> purged = h.admin(h.request("DELETE", "/admin/v1/cache?namespace=alpha", null));
    assertThat(purged.statusCode()).as(purged.body()).isEqualTo(200);
    assertThat(JSON.readTree(purged.body()).path("purged").asLong()).isEqualTo(1);
    assertThat(status(cached(CHAT))).isEqualTo("HIT");
    assertThat(status(cached(CHAT, "x-portkey-cache-namespace", "alpha"))).isEqualTo("MISS");

    assertThat(JSON.readTree(h.admin(h.request("DELETE", "/admin/v1/cache", null)).body()).path("purged").asLong())
        .isEqualTo(2);
    assertThat(status(cached(CHAT))).isEqualTo("MISS");
    assertThat(JSON.readTree(h.admin(h.get("/admin/v1/audit?action=cache.purge")).body()).path("data").size())
        .as("each purge on the audit trail").isEqualTo(2);
  }

  private double rootSavedUsd() throws Exception {
    double most = 0;
    for (JsonNode row : JSON.readTree(h.admin(h.get("/admin/v1/cache")).body()).path("data")) {
      most = Math.max(most, row.path("saved_usd").asDouble());
    }
    return most;
  }

  private static List<JsonNode> openAiEvents(String body) throws Exception {
    List<JsonNode> events = new ArrayList<>();
    for (String line : body.split("\n")) {
      if (line.startsWith("data: {")) {
        events.add(JSON.readTree(line.substring(6)));
      }
    }
    return events;
  }

  private static String text(List<JsonNode> events) {
    StringBuilder text = new StringBuilder();
    for (JsonNode e : events) {
      for (JsonNode choice : e.path("choices")) {
        text.append(choice.path("delta").path("content").asText(""));
      }
    }
    return text.toString();
  }
}
