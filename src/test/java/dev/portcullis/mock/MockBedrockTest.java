package dev.portcullis.mock;

import static dev.portcullis.mock.RunningMock.at;
import static dev.portcullis.mock.RunningMock.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.wire.OpenAiChatRequestDecoder;
import dev.portcullis.error.GatewayException;
import dev.portcullis.model.ChatChunk;
import dev.portcullis.model.ChatRequest;
import dev.portcullis.model.ChatResponse;
import dev.portcullis.model.FinishReason;
import dev.portcullis.model.ToolCallDelta;
import dev.portcullis.provider.ChunkDecoder;
import dev.portcullis.provider.ProviderAdapter;
import dev.portcullis.provider.ProviderTable;
import dev.portcullis.provider.WireRequest;
import dev.portcullis.provider.bedrock.BedrockAdapter;
import dev.portcullis.provider.Target;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The mock's Bedrock runtime endpoints, driven through the Bedrock adapter the way the gateway calls them. */
class MockBedrockTest {

  @RegisterExtension
  static final RunningMock mock = new RunningMock();

  private static final String MODEL = "anthropic.claude-3-5-haiku-20241022-v1:0";
  private final ProviderAdapter adapter = new BedrockAdapter(Clock.systemUTC());

  @Test
  void converseAnswersTextWithUsageAndEchoesThatTheCallWasSigned() throws Exception {
    WireRequest wire = signed(chat("{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"));

    HttpResponse<String> response = send(wire, "x-mock-chunks", "3");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("x-mock-sigv4")).contains("true");
    JsonObject body = json(response.body());
    assertThat(at(body, "/output/message/content/0/text")).isEqualTo("This is a");
    assertThat(at(body, "/stopReason")).isEqualTo("end_turn");
    assertThat((Integer) at(body, "/usage/outputTokens")).isEqualTo(3);
    ChatResponse answer = adapter.chat(target()).response(Buffer.buffer(response.body()), chatRequest(), target());
    assertThat(answer.choices().getFirst().message().text()).isEqualTo("This is a");
    RecordedRequest recorded = mock.upstream().recordedRequests().getLast();
    assertThat(recorded.path()).isEqualTo("/model/anthropic.claude-3-5-haiku-20241022-v1%3A0/converse");
    assertThat(recorded.header("authorization")).startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/");
  }

  @Test
  void anUnsignedCallIsAnsweredButEchoedAsUnsigned() throws Exception {
    HttpResponse<String> response = send(chat("{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\","
        + "\"content\":\"Hi\"}]}"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("x-mock-sigv4")).contains("false");
  }

  @Test
  void converseStreamSendsEventStreamFramesTheAdapterDecodesIntoAToolCall() throws Exception {
    ChatRequest request = OpenAiChatRequestDecoder.decode(("{\"model\":\"" + MODEL + "\",\"stream\":true,"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"Weather?\"}],"
        + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}]}")
        .getBytes(StandardCharsets.UTF_8));
    WireRequest wire = signed(adapter.chat(target()).request(request, target(), false));

    HttpResponse<byte[]> response = mock.client().send(httpRequest(wire, "x-mock-chunks", "4"),
        HttpResponse.BodyHandlers.ofByteArray());

    assertThat(response.headers().firstValue("content-type")).contains("application/vnd.amazon.eventstream");
    ChunkDecoder decoder = adapter.chat(target()).stream(request, target());
    List<ChatChunk> chunks = new ArrayList<>(decoder.feed(Buffer.buffer(response.body())));
    chunks.addAll(decoder.end());
    StringBuilder arguments = new StringBuilder();
    for (ChatChunk chunk : chunks) {
      for (var choice : chunk.choices()) {
        for (ToolCallDelta call : choice.delta().toolCalls()) {
          arguments.append(call.argumentsFragment());
        }
      }
    }
    assertThat(arguments.toString()).isEqualTo(ChatCompletionResponder.TOOL_ARGUMENTS);
    assertThat(chunks.get(1).choices().getFirst().delta().toolCalls().getFirst().name()).isEqualTo("get_weather");
    assertThat(chunks.get(chunks.size() - 2).choices().getFirst().finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    assertThat(chunks.getLast().choices()).isEmpty();
    assertThat(chunks.getLast().usage().completionTokens()).isPositive();
  }

  @Test
  void mockStatusAnswersBedrocksErrorShapeWhichTheAdapterReads() throws Exception {
    HttpResponse<String> response = send(chat("{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\","
        + "\"content\":\"Hi\"}]}"), "x-mock-status", "429");

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.headers().firstValue("x-amzn-ErrorType"))
        .contains("ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/");
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    response.headers().map().forEach(headers::add);
    GatewayException.UpstreamError error =
        adapter.error(response.statusCode(), headers, Buffer.buffer(response.body()), target());
    assertThat(error.type()).isEqualTo("ThrottlingException");
    assertThat(error.getMessage()).isEqualTo("Too many requests, please wait before trying again.");
  }

  @Test
  void invokeAnswersTitanAndCohereEmbeddings() throws Exception {
    WireRequest titan = adapter.endpoint("/embeddings", target("amazon.titan-embed-text-v2:0")).orElseThrow()
        .request(new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"input\":\"hello\"}"),
            target("amazon.titan-embed-text-v2:0"), false);
    JsonObject titanAnswer = json(send(titan).body());
    assertThat(titanAnswer.getJsonArray("embedding")).hasSize(EmbeddingResponder.DIMENSIONS);
    assertThat(titanAnswer.getInteger("inputTextTokenCount")).isPositive();

    WireRequest cohere = adapter.endpoint("/embeddings", target("cohere.embed-english-v3")).orElseThrow()
        .request(new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"input\":[\"a\",\"b\"]}"),
            target("cohere.embed-english-v3"), false);
    assertThat(json(send(cohere).body()).getJsonArray("embeddings")).hasSize(2);
  }

  @Test
  void anUnknownBedrockOperationIsA404InBedrocksShape() throws Exception {
    HttpResponse<String> response = mock.client().send(HttpRequest.newBuilder(URI.create(root() + "/model/m/nope"))
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValueSatisfying(
        v -> assertThat(v).startsWith("ResourceNotFoundException:"));
    assertThat(json(response.body()).getString("message")).startsWith("Unknown operation");
  }

  private WireRequest chat(String json) {
    ChatRequest request = OpenAiChatRequestDecoder.decode(json.getBytes(StandardCharsets.UTF_8));
    return adapter.chat(target()).request(request, target(), false);
  }

  private static ChatRequest chatRequest() {
    return OpenAiChatRequestDecoder.decode(("{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\","
        + "\"content\":\"Hi\"}]}").getBytes(StandardCharsets.UTF_8));
  }

  private WireRequest signed(WireRequest request) {
    return adapter.authorize(request, target()).result();
  }

  private static HttpResponse<String> send(WireRequest wire, String... headers) throws Exception {
    return mock.client().send(httpRequest(wire, headers), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest httpRequest(WireRequest wire, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(wire.url())
        .method(wire.method().name(), HttpRequest.BodyPublishers.ofByteArray(wire.body().getBytes()));
    wire.headers().forEach(h -> request.header(h.getKey(), h.getValue()));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return request.build();
  }

  private static String root() {
    return "http://127.0.0.1:" + mock.upstream().port();
  }

  private static Target target() {
    return target(MODEL);
  }

  private static Target target(String model) {
    return new Target(ProviderTable.find("bedrock").orElseThrow(), URI.create(root()), null,
        Map.of("aws_region", "us-east-1", "aws_access_key_id", "AKIDEXAMPLE", "aws_secret_access_key", "secret"),
        model, null, null);
  }
}
