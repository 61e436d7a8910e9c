package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.mock.RecordedRequest;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PassthroughIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  private static GatewayHarness h;

  @BeforeAll
  static void start() {
    h = new GatewayHarness(dir);
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  @BeforeEach
  void clear() {
    h.mock.clearRecorded();
  }

  private static RecordedRequest lastUpstream() {
    List<RecordedRequest> all = h.mock.recordedRequests();
    assertThat(all).isNotEmpty();
    return all.getLast();
  }

  @Test
  void providerSlashModelUsesServerHeldKeyAndStripsThePrefix() throws Exception {
    HttpResponse<String> r = h.chat("{\"model\":\"openai/gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.path("object").asText()).isEqualTo("chat.completion");
    assertThat(body.path("model").asText()).isEqualTo("gpt-4o-mini");
    RecordedRequest up = lastUpstream();
    assertThat(up.path()).isEqualTo("/v1/chat/completions");
    assertThat(up.header("authorization")).isEqualTo("Bearer " + GatewayHarness.SERVER_PROVIDER_KEY);
    assertThat(JSON.readTree(up.bodyAsString()).path("model").asText()).isEqualTo("gpt-4o-mini");
  }

  @Test
  void fieldsTheGatewayDoesNotKnowReachTheProviderByteForByte() {
    String body = "{\"model\":\"openai/gpt-4o\",  \"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
        + " \"x_vendor_flag\": {\"deep\": [1, 2.50, \"\\u00e9\"]}, \"service_tier\":\"flex\"}";
    assertThat(h.chat(body).statusCode()).isEqualTo(200);
    assertThat(lastUpstream().bodyAsString()).isEqualTo(body.replace("openai/gpt-4o", "gpt-4o"));
  }

  @Test
  void gatewayHeadersAnswerInTheNativePrefixWithGeneratedTraceId() {
    HttpResponse<String> r = h.chat("{\"model\":\"openai/gpt-4o\",\"messages\":[]}");
    assertThat(r.headers().firstValue("x-portcullis-trace-id")).hasValueSatisfying(v -> assertThat(v).hasSize(36));
    assertThat(r.headers().firstValue("x-portcullis-provider")).hasValue("openai");
    assertThat(r.headers().firstValue("x-portcullis-retry-attempt-count")).hasValue("0");
  }

  @Test
  void callerTraceIdIsEchoedInThePortkeyPrefix() {
    HttpResponse<String> r = h.chat("{\"model\":\"openai/gpt-4o\",\"messages\":[]}", "x-portkey-trace-id", "trace-42");
    assertThat(r.headers().firstValue("x-portkey-trace-id")).hasValue("trace-42");
    assertThat(r.headers().firstValue("x-portkey-provider")).hasValue("openai");
  }

  @Test
  void streamIsRelayedEventByEventEndingWithDone() {
    HttpResponse<String> r = h.chat("{\"model\":\"openai/gpt-4o\",\"stream\":true,\"messages\":[]}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
    List<String> events = r.body().lines().filter(l -> l.startsWith("data:")).toList();
    assertThat(events.getLast()).isEqualTo("data: [DONE]");
    assertThat(events).hasSizeGreaterThan(5);
  }

  @Test
  void portkeyPassthroughSendsCallersProviderKeyToCustomHost() {
    HttpRequest.Builder b = h.post("/v1/chat/completions", "{\"model\":\"gpt-4o\",\"messages\":[]}")
        .header("x-portkey-provider", "openai")
        .header("authorization", "Bearer sk-callers-own-key-22222")
        .header("x-portkey-custom-host", h.mock.baseUrl())
        .header("x-portkey-api-key", GatewayHarness.ADMIN_KEY);
    HttpResponse<String> r = h.send(b);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("x-portkey-provider")).hasValue("openai");
    assertThat(lastUpstream().header("authorization")).isEqualTo("Bearer sk-callers-own-key-22222");
  }

  @Test
  void customProviderRowForwardsToAnyTrustedBaseUrl() {
    HttpRequest.Builder b = h.post("/v1/embeddings", "{\"model\":\"text-embedding-3-small\",\"input\":[\"a\",\"b\"]}")
        .header("x-portcullis-provider", "custom")
        .header("x-portcullis-custom-host", h.mock.baseUrl())
        .header("x-portcullis-api-key", GatewayHarness.ADMIN_KEY);
    HttpResponse<String> r = h.send(b);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"embedding\"");
    assertThat(lastUpstream().path()).isEqualTo("/v1/embeddings");
    assertThat(lastUpstream().header("authorization")).isNull();
  }

  @Test
  void virtualKeyCreatedByAdminApiServesAtSlugModelAndEnforcesItsAllowlist() throws Exception {
    HttpResponse<String> created = h.admin(h.post("/admin/v1/virtual-keys", "{\"slug\":\"mock-prod\","
        + "\"provider\":\"openai\",\"api_key\":\"sk-virtual-secret-33333\",\"base_url\":\"" + h.mock.baseUrl()
        + "\",\"models\":[\"gpt-4o\",\"gpt-4o-mini\"]}"));
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.body()).doesNotContain("sk-virtual-secret-33333");
    assertThat(JSON.readTree(created.body()).path("slug").asText()).isEqualTo("mock-prod");

    HttpResponse<String> ok = h.chat("{\"model\":\"@mock-prod/gpt-4o\",\"messages\":[]}");
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(lastUpstream().header("authorization")).isEqualTo("Bearer sk-virtual-secret-33333");
    assertThat(JSON.readTree(lastUpstream().bodyAsString()).path("model").asText()).isEqualTo("gpt-4o");

    HttpResponse<String> viaHeader = h.chat("{\"model\":\"gpt-4o-mini\",\"messages\":[]}",
        "x-portkey-virtual-key", "mock-prod");
    assertThat(viaHeader.statusCode()).isEqualTo(200);

    HttpResponse<String> refused = h.chat("{\"model\":\"@mock-prod/gpt-9\",\"messages\":[]}");
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(refused.body()).path("error").path("message").asText())
        .isEqualTo("model: 'gpt-9' is not served by virtual key 'mock-prod' (allowed: gpt-4o, gpt-4o-mini)");
  }

  @Test
  void modelsListIsServedByTheOnlyConfiguredProvider() {
    HttpResponse<String> r = h.send(h.get("/v1/models").header("authorization", "Bearer " + GatewayHarness.ADMIN_KEY));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"object\":\"list\"");
    assertThat(lastUpstream().method()).isEqualTo("GET");
    assertThat(lastUpstream().path()).isEqualTo("/v1/models");
  }

  @Test
  void completionsEmbeddingsAndImagesPassThrough() {
    for (String[] call : new String[][] {
        {"/v1/completions", "{\"model\":\"openai/gpt-3.5-turbo-instruct\",\"prompt\":\"hi\"}"},
        {"/v1/embeddings", "{\"model\":\"openai/text-embedding-3-small\",\"input\":\"hi\"}"},
        {"/v1/images/generations", "{\"model\":\"openai/dall-e-3\",\"prompt\":\"a cat\"}"}}) {
      HttpResponse<String> r = h.send(h.post(call[0], call[1]).header("authorization", "Bearer " + GatewayHarness.ADMIN_KEY));
      assertThat(r.statusCode()).as(call[0]).isEqualTo(200);
      assertThat(lastUpstream().path()).isEqualTo(call[0]);
    }
  }

  @Test
  void audioSpeechRelaysBinaryBody() throws Exception {
    HttpResponse<byte[]> r = h.http.send(h.post("/v1/audio/speech",
            "{\"model\":\"openai/tts-1\",\"input\":\"hello\",\"voice\":\"alloy\"}")
        .header("authorization", "Bearer " + GatewayHarness.ADMIN_KEY).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type")).hasValue("audio/mpeg");
    assertThat(r.body()).isNotEmpty();
  }

  @Test
  void audioTranscriptionMultipartHasItsModelFieldPatched() {
    String boundary = "----portcullis";
    String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.wav\"\r\n"
        + "Content-Type: audio/wav\r\n\r\nRIFFdata\r\n--" + boundary + "\r\n"
        + "Content-Disposition: form-data; name=\"model\"\r\n\r\nopenai/whisper-1\r\n--" + boundary + "--\r\n";
    HttpResponse<String> r = h.send(h.post("/v1/audio/transcriptions", body, "multipart/form-data; boundary=" + boundary)
        .header("authorization", "Bearer " + GatewayHarness.ADMIN_KEY));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).contains("\"text\"");
    assertThat(lastUpstream().bodyAsString()).contains("\r\n\r\nwhisper-1\r\n").doesNotContain("openai/whisper-1");
  }

  @Test
  void unknownV1PathIsPassedThroughToTheProvider() {
    HttpResponse<String> r = h.send(h.get("/v1/files?purpose=batch").header("authorization", "Bearer " + GatewayHarness.ADMIN_KEY));
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(lastUpstream().path()).isEqualTo("/v1/files");
    assertThat(lastUpstream().query()).isEqualTo("purpose=batch");
  }

  @Test
  void forwardHeadersReachTheProviderButGatewayHeadersDoNot() {
    h.chat("{\"model\":\"openai/gpt-4o\",\"messages\":[]}", "x-portkey-forward-headers", "x-team",
        "x-team", "search", "x-portkey-metadata", "{\"a\":\"b\"}");
    RecordedRequest up = lastUpstream();
    assertThat(up.header("x-team")).isEqualTo("search");
    assertThat(up.headers().keySet()).noneMatch(n -> n.toLowerCase().startsWith("x-portkey-"));
  }

  @Test
  void healthAndReadyAnswerWithoutAKey() {
    assertThat(h.send(h.get("/health")).statusCode()).isEqualTo(200);
    HttpResponse<String> ready = h.send(h.get("/ready"));
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body()).contains("ready");
  }
}
