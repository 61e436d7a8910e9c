package dev.portcullis.mock;

import static dev.portcullis.mock.RunningMock.at;
import static dev.portcullis.mock.RunningMock.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.model.ChatChunk;
import dev.portcullis.model.ChatRequest;
import dev.portcullis.model.Message;
import dev.portcullis.model.Role;
import dev.portcullis.provider.ChatCodec;
import dev.portcullis.provider.ChunkDecoder;
import dev.portcullis.provider.ProviderTable;
import dev.portcullis.provider.gemini.GeminiAdapter;
import dev.portcullis.provider.Target;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The mock's Gemini API and Vertex AI endpoints answer in Google's formats, errors included. */
class MockGeminiEndpointsTest {

  private static final String MODEL = "/v1beta/models/gemini-2.5-flash";
  private static final String VERTEX_MODEL =
      "/v1/projects/acme-prod/locations/us-central1/publishers/google/models/gemini-2.5-flash";
  private static final String CONTENTS = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]";
  private static final String TOOLS = ",\"tools\":[{\"functionDeclarations\":[{\"name\":\"get_weather\","
      + "\"parameters\":{\"type\":\"object\",\"properties\":{\"location\":{\"type\":\"string\"}}}}]}]";

  @RegisterExtension
  static final RunningMock mock = new RunningMock();

  @Test
  void generateContentAnswersACandidateWithUsageEchoingTheModelOfThePath() throws Exception {
    HttpResponse<String> response = post(MODEL + ":generateContent", CONTENTS + "}");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject body = json(response.body());
    assertThat(at(body, "/candidates/0/content/role")).isEqualTo("model");
    assertThat(at(body, "/candidates/0/content/parts/0/text")).isEqualTo("This is a mock response");
    assertThat(at(body, "/candidates/0/finishReason")).isEqualTo("STOP");
    assertThat(body.getString("modelVersion")).isEqualTo("gemini-2.5-flash");
    assertThat(body.getString("responseId")).startsWith("mock-");
    assertThat(at(body, "/usageMetadata/candidatesTokenCount")).isEqualTo(5);
    assertThat((Integer) at(body, "/usageMetadata/promptTokenCount")).isPositive();
  }

  @Test
  void candidateCountAnswersThatManyCandidates() throws Exception {
    JsonObject body = json(post(MODEL + ":generateContent",
        CONTENTS + ",\"generationConfig\":{\"candidateCount\":3}}").body());

    assertThat(body.getJsonArray("candidates")).hasSize(3);
    assertThat(at(body, "/candidates/2/index")).isEqualTo(2);
  }

  @Test
  void declaredFunctionsAreCalledWithWholeArguments() throws Exception {
    JsonObject body = json(post(MODEL + ":generateContent", CONTENTS + TOOLS + "}").body());

    JsonObject call = (JsonObject) at(body, "/candidates/0/content/parts/0/functionCall");
    assertThat(call.getString("name")).isEqualTo("get_weather");
    assertThat(call.getJsonObject("args")).isEqualTo(new JsonObject().put("location", "Paris"));
  }

  @Test
  void aStreamDecodesThroughTheGeminiCodecToTheWholeAnswer() throws Exception {
    String whole = (String) at(json(post(MODEL + ":generateContent", CONTENTS + "}").body()),
        "/candidates/0/content/parts/0/text");
    HttpResponse<String> stream = post(MODEL + ":streamGenerateContent?alt=sse", CONTENTS + "}");

    assertThat(stream.headers().firstValue("content-type")).hasValue("text/event-stream");
    List<ChatChunk> chunks = decode(stream.body());
    StringBuilder text = new StringBuilder();
    chunks.stream().filter(c -> !c.choices().isEmpty() && c.choices().getFirst().delta().content() != null)
        .forEach(c -> text.append(c.choices().getFirst().delta().content()));
    assertThat(text.toString()).isEqualTo(whole);
    assertThat(chunks.get(chunks.size() - 2).choices().getFirst().finishReason().value()).isEqualTo("stop");
    assertThat(chunks.getLast().usage().completionTokens()).isEqualTo(5);
  }

  @Test
  void aStreamedFunctionCallDecodesToOneToolCall() throws Exception {
    List<ChatChunk> chunks = decode(post(MODEL + ":streamGenerateContent?alt=sse", CONTENTS + TOOLS + "}").body());

    ChatChunk call = chunks.stream().filter(c -> !c.choices().isEmpty()
        && !c.choices().getFirst().delta().toolCalls().isEmpty()).findFirst().orElseThrow();
    assertThat(call.choices().getFirst().delta().toolCalls().getFirst().argumentsFragment())
        .isEqualTo("{\"location\":\"Paris\"}");
    assertThat(chunks.get(chunks.size() - 2).choices().getFirst().finishReason().value()).isEqualTo("tool_calls");
  }

  @Test
  void embedContentAndBatchEmbedContentsAnswerVectorsPerText() throws Exception {
    JsonObject single = json(post("/v1beta/models/gemini-embedding-001:embedContent",
        "{\"content\":{\"parts\":[{\"text\":\"x\"}]}}").body());
    JsonObject batch = json(post("/v1beta/models/gemini-embedding-001:batchEmbedContents",
        "{\"requests\":[{\"content\":{\"parts\":[{\"text\":\"x\"}]}},{\"content\":{\"parts\":[{\"text\":\"y\"}]}}]}")
        .body());

    JsonArray vector = (JsonArray) at(single, "/embedding/values");
    assertThat(vector).hasSize(EmbeddingResponder.DIMENSIONS);
    assertThat(batch.getJsonArray("embeddings")).hasSize(2);
    assertThat(at(batch, "/embeddings/0/values")).isEqualTo(vector);
    assertThat(at(batch, "/embeddings/1/values")).isNotEqualTo(vector);
  }

  @Test
  void vertexPathsAnswerGenerateContentAndPredict() throws Exception {
    JsonObject chat = json(post(VERTEX_MODEL + ":generateContent", CONTENTS + "}").body());
    JsonObject predict = json(post(
        "/v1/projects/acme-prod/locations/us-central1/publishers/google/models/text-embedding-005:predict",
        "{\"instances\":[{\"content\":\"banana muffins\"},{\"content\":\"apple pie\"}]}").body());

    assertThat(at(chat, "/candidates/0/content/parts/0/text")).isEqualTo("This is a mock response");
    assertThat(predict.getJsonArray("predictions")).hasSize(2);
    assertThat((JsonArray) at(predict, "/predictions/1/embeddings/values")).hasSize(EmbeddingResponder.DIMENSIONS);
    assertThat((Integer) at(predict, "/predictions/0/embeddings/statistics/token_count")).isPositive();
  }

  @Test
  void mockStatusAnswersInGooglesErrorShape() throws Exception {
    HttpResponse<String> response = post(MODEL + ":generateContent", CONTENTS + "}", "x-mock-status", "429");

    assertThat(response.statusCode()).isEqualTo(429);
    JsonObject error = json(response.body()).getJsonObject("error");
    assertThat(error.getInteger("code")).isEqualTo(429);
    assertThat(error.getString("status")).isEqualTo("RESOURCE_EXHAUSTED");
    assertThat(error.getString("message")).isNotBlank();
    assertThat(at(error, "/details/0/retryDelay")).isEqualTo("1s");
  }

  @Test
  void aMalformedBodyIs400InvalidArgument() throws Exception {
    HttpResponse<String> response = post(MODEL + ":generateContent", "not json");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(at(json(response.body()), "/error/status")).isEqualTo("INVALID_ARGUMENT");
  }

  private static HttpResponse<String> post(String path, String json, String... headers) throws Exception {
    String origin = mock.upstream().baseUrl().substring(0, mock.upstream().baseUrl().length() - "/v1".length());
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(origin + path))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return mock.client().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The stream as the gateway's Gemini codec decodes it. */
  private static List<ChatChunk> decode(String stream) {
    Target target = new Target(ProviderTable.find("google").orElseThrow(), URI.create(mock.upstream().baseUrl()),
        "test-key", Map.of(), "gemini-2.5-flash", null, null);
    ChatRequest request = ChatRequest.builder("gemini-2.5-flash", List.of(Message.of(Role.USER, "hi")))
        .stream(true).build();
    ChatCodec codec = new GeminiAdapter(Clock.systemUTC()).chat(target);
    ChunkDecoder decoder = codec.stream(request, target);
    List<ChatChunk> chunks = new ArrayList<>(decoder.feed(Buffer.buffer(stream)));
    chunks.addAll(decoder.end());
    return chunks;
  }
}
