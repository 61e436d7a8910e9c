package dev.portcullis.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.wire.OpenAiChatRequestDecoder;
import dev.portcullis.error.GatewayException;
import dev.portcullis.mock.MockUpstream;
import dev.portcullis.mock.MockUpstreamOptions;
import dev.portcullis.model.ChatChunk;
import dev.portcullis.model.ChatRequest;
import dev.portcullis.model.ChatResponse;
import dev.portcullis.model.FinishReason;
import dev.portcullis.provider.ChatCodec;
import dev.portcullis.provider.ChunkDecoder;
import dev.portcullis.provider.ProviderTable;
import dev.portcullis.provider.WireRequest;
import dev.portcullis.provider.Target;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An OpenAI request through the Anthropic adapter to the mock's {@code /v1/messages}, and the answer back. */
class AnthropicMockRoundTripTest {

  private static final String TOOLS = ",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
      + "\"parameters\":{\"type\":\"object\",\"properties\":{\"location\":{\"type\":\"string\"}}}}}]";

  private static Vertx vertx;
  private static MockUpstream mock;
  private static HttpClient http;
  private static final AnthropicAdapter adapter = new AnthropicAdapter(Clock.systemUTC());

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    mock = MockUpstream.start(vertx, MockUpstreamOptions.defaults()).await();
    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

  @AfterAll
  static void stop() {
    http.close();
    mock.close().await();
    vertx.close().await();
  }

  @Test
  void aJsonAnswerReadsAsAnOpenAiCompletion() throws Exception {
    ChatRequest request = request("{\"model\":\"claude-sonnet-4-5\",\"messages\":["
        + "{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\"Hi\"}]}");

    HttpResponse<byte[]> answer = send(request, Map.of());
    ChatResponse response = adapter.chat(target()).response(Buffer.buffer(answer.body()), request, target());

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(response.model()).isEqualTo("claude-sonnet-4-5");
    assertThat(response.choices().getFirst().message().text()).isEqualTo("This is a mock response");
    assertThat(response.choices().getFirst().finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(response.usage().completionTokens()).isEqualTo(5);
    assertThat(response.usage().totalTokens()).isEqualTo(response.usage().promptTokens() + 5);
  }

  @Test
  void aStreamedToolUseReadsAsOpenAiToolCallChunks() throws Exception {
    ChatRequest request = request("{\"model\":\"claude-sonnet-4-5\",\"stream\":true,"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Paris?\"}]" + TOOLS + "}");

    HttpResponse<byte[]> answer = send(request, Map.of("x-mock-chunks", "6"));
    ChunkDecoder decoder = adapter.chat(target()).stream(request, target());
    List<ChatChunk> chunks = new ArrayList<>();
    byte[] body = answer.body();
    for (int at = 0; at < body.length; at += 7) {
      chunks.addAll(decoder.feed(Buffer.buffer(Arrays.copyOfRange(body, at, Math.min(body.length, at + 7)))));
    }
    chunks.addAll(decoder.end());

    StringBuilder arguments = new StringBuilder();
    chunks.stream().flatMap(c -> c.choices().stream()).flatMap(c -> c.delta().toolCalls().stream())
        .forEach(call -> arguments.append(call.argumentsFragment()));
    assertThat(arguments).hasToString("{\"location\":\"Paris\"}");
    assertThat(chunks.get(1).choices().getFirst().delta().toolCalls().getFirst().name()).isEqualTo("get_weather");
    assertThat(chunks.get(chunks.size() - 2).choices().getFirst().finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    assertThat(chunks.getLast().choices()).isEmpty();
    assertThat(chunks.getLast().usage().promptTokens()).isPositive();
  }

  @Test
  void anOverloadedAnswerKeepsItsStatusAndType() throws Exception {
    ChatRequest request =
        request("{\"model\":\"claude-sonnet-4-5\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

    HttpResponse<byte[]> answer = send(request, Map.of("x-mock-status", "529"));
    GatewayException.UpstreamError error = adapter.error(answer.statusCode(), MultiMap.caseInsensitiveMultiMap(),
        Buffer.buffer(answer.body()), target());

    assertThat(error.status()).isEqualTo(529);
    assertThat(error.type()).isEqualTo("overloaded_error");
    assertThat(error.getMessage()).isEqualTo("Overloaded");
  }

  private static HttpResponse<byte[]> send(ChatRequest request, Map<String, String> mockHeaders) throws Exception {
    ChatCodec codec = adapter.chat(target());
    WireRequest wire = adapter.authorize(codec.request(request, target(), false), target()).result();
    HttpRequest.Builder out = HttpRequest.newBuilder(wire.url())
        .POST(HttpRequest.BodyPublishers.ofByteArray(wire.body().getBytes()));
    wire.headers().forEach(header -> out.header(header.getKey(), header.getValue()));
    mockHeaders.forEach(out::header);
    return http.send(out.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static Target target() {
    return new Target(ProviderTable.find("anthropic").orElseThrow(), URI.create(mock.baseUrl()), "sk-ant-mock",
        Map.of(), "claude-sonnet-4-5", null, null);
  }

  private static ChatRequest request(String json) {
    return OpenAiChatRequestDecoder.decode(json.getBytes(StandardCharsets.UTF_8));
  }
}
