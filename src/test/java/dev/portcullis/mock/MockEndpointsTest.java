package dev.portcullis.mock;

import static dev.portcullis.mock.RunningMock.at;
import static dev.portcullis.mock.RunningMock.events;
import static dev.portcullis.mock.RunningMock.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MockEndpointsTest {

  @RegisterExtension
  static final RunningMock mock = new RunningMock();

  @Test
  void embeddingsAnswerOneVectorPerInputItem() throws Exception {
    JsonObject body = json(mock.post("/embeddings",
        "{\"model\":\"text-embedding-3-small\",\"input\":[\"a\",\"b\",\"c\"]}").body());

    assertThat(body.getString("object")).isEqualTo("list");
    assertThat(body.getString("model")).isEqualTo("text-embedding-3-small");
    JsonArray data = body.getJsonArray("data");
    assertThat(data).hasSize(3);
    assertThat(data.getJsonObject(2).getInteger("index")).isEqualTo(2);
    assertThat(data.getJsonObject(0).getJsonArray("embedding")).hasSize(EmbeddingResponder.DIMENSIONS);
    assertThat((Integer) at(body, "/usage/prompt_tokens")).isPositive();
  }

  @Test
  void embeddingsOfAStringOrOneTokenArrayAnswerOneVector() throws Exception {
    assertThat(json(mock.post("/embeddings", "{\"model\":\"e\",\"input\":\"hello\"}").body())
        .getJsonArray("data")).hasSize(1);
    assertThat(json(mock.post("/embeddings", "{\"model\":\"e\",\"input\":[1,2,3]}").body())
        .getJsonArray("data")).hasSize(1);
    assertThat(json(mock.post("/embeddings", "{\"model\":\"e\",\"input\":[[1,2],[3]]}").body())
        .getJsonArray("data")).hasSize(2);
  }

  @Test
  void embeddingsAreTheSameForTheSameText() throws Exception {
    JsonArray data = json(mock.post("/embeddings", "{\"model\":\"e\",\"input\":[\"x\",\"y\",\"x\"]}").body())
        .getJsonArray("data");

    Object first = at(data.getJsonObject(0), "/embedding");
    assertThat(at(data.getJsonObject(2), "/embedding")).isEqualTo(first);
    assertThat(at(data.getJsonObject(1), "/embedding")).isNotEqualTo(first);
  }

  @Test
  void base64EmbeddingsDecodeToTheSameFloats() throws Exception {
    JsonArray floats = (JsonArray) at(
        json(mock.post("/embeddings", "{\"model\":\"e\",\"input\":\"x\"}").body()), "/data/0/embedding");
    String base64 = (String) at(json(mock.post("/embeddings",
        "{\"model\":\"e\",\"input\":\"x\",\"encoding_format\":\"base64\"}").body()), "/data/0/embedding");

    ByteBuffer decoded = ByteBuffer.wrap(Base64.getDecoder().decode(base64)).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < floats.size(); i++) {
      assertThat(decoded.getFloat()).isEqualTo(floats.getFloat(i));
    }
  }

  @Test
  void textCompletionsAnswerTextEchoingTheModel() throws Exception {
    JsonObject body = json(mock.post("/completions", "{\"model\":\"gpt-3.5-turbo-instruct\",\"prompt\":\"Say\"}").body());

    assertThat(body.getString("object")).isEqualTo("text_completion");
    assertThat(body.getString("id")).startsWith("cmpl-mock-");
    assertThat(body.getString("model")).isEqualTo("gpt-3.5-turbo-instruct");
    assertThat(at(body, "/choices/0/text")).isEqualTo("This is a mock response");
    assertThat(at(body, "/choices/0/finish_reason")).isEqualTo("stop");
  }

  @Test
  void textCompletionsStreamChunksUsageThenDone() throws Exception {
    List<String> events = events(mock.post("/completions",
        "{\"model\":\"m\",\"prompt\":\"Say\",\"stream\":true,\"stream_options\":{\"include_usage\":true}}",
        "x-mock-chunks", "3").body());

    assertThat(events).hasSize(3 + 1 + 1 + 1);
    assertThat(at(json(events.getFirst()), "/choices/0/text")).isEqualTo("This");
    assertThat(at(json(events.get(3)), "/choices/0/finish_reason")).isEqualTo("stop");
    assertThat(at(json(events.get(4)), "/usage/completion_tokens")).isEqualTo(3);
    assertThat(events.getLast()).isEqualTo("[DONE]");
  }

  @Test
  void modelsListsTheModelIds() throws Exception {
    HttpResponse<String> response = mock.get("/models");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject body = json(response.body());
    assertThat(body.getString("object")).isEqualTo("list");
    assertThat(body.getJsonArray("data").stream().map(model -> ((JsonObject) model).getString("id")))
        .contains("gpt-4o", "gpt-4o-mini", "text-embedding-3-small");
  }

  @Test
  void imageGenerationsAnswerNImages() throws Exception {
    JsonObject urls = json(mock.post("/images/generations", "{\"prompt\":\"a cat\",\"n\":2}").body());
    JsonObject inline = json(mock.post("/images/generations",
        "{\"prompt\":\"a cat\",\"response_format\":\"b64_json\"}").body());

    assertThat(urls.getJsonArray("data")).hasSize(2);
    assertThat((String) at(urls, "/data/1/url")).startsWith("https://");
    assertThat(Base64.getDecoder().decode((String) at(inline, "/data/0/b64_json"))).startsWith(0x89, 'P', 'N', 'G');
  }

  @Test
  void speechAnswersAudioBytes() throws Exception {
    HttpResponse<byte[]> response = mock.client().send(
        mock.postRequest("/audio/speech", "{\"model\":\"tts-1\",\"input\":\"hi\",\"voice\":\"alloy\"}"),
        HttpResponse.BodyHandlers.ofByteArray());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue("audio/mpeg");
    assertThat(response.body()).startsWith('I', 'D', '3').hasSizeGreaterThan(100);
  }

  @Test
  void transcriptionsAnswerTextForAMultipartUpload() throws Exception {
    String boundary = "mock-boundary";
    String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nwhisper-1\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.mp3\"\r\n"
        + "Content-Type: audio/mpeg\r\n\r\nID3audio\r\n--" + boundary + "--\r\n";
    HttpRequest request = HttpRequest.newBuilder(URI.create(mock.upstream().baseUrl() + "/audio/transcriptions"))
        .header("content-type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofString(multipart))
        .build();

    HttpResponse<String> response = mock.client().send(request, HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response.body()).getString("text")).isNotBlank();
  }

  @Test
  void unknownPathAnswers404InOpenAiShape() throws Exception {
    HttpResponse<String> response = mock.post("/assistants", "{}");

    assertThat(response.statusCode()).isEqualTo(404);
    JsonObject error = json(response.body()).getJsonObject("error");
    assertThat(error.getString("message")).isEqualTo("Invalid URL (POST /v1/assistants)");
    assertThat(error.getString("type")).isEqualTo("invalid_request_error");
  }

  @Test
  void wrongMethodOnAKnownPathAnswers404() throws Exception {
    assertThat(mock.get("/chat/completions").statusCode()).isEqualTo(404);
  }

  @Test
  void malformedJsonAnswers400() throws Exception {
    HttpResponse<String> response = mock.post("/chat/completions", "{\"model\":");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response.body()).getJsonObject("error").getString("message")).startsWith("body: not valid JSON");
  }

  @Test
  void missingModelAnswers400NamingTheField() throws Exception {
    HttpResponse<String> response = mock.post("/chat/completions", "{\"messages\":[]}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response.body()).getJsonObject("error").getString("param")).isEqualTo("model");
  }

  @Test
  void idsCarryTheRequestSequenceNumber() throws Exception {
    HttpResponse<String> first = mock.post("/chat/completions", "{\"model\":\"m\"}");
    HttpResponse<String> second = mock.post("/chat/completions", "{\"model\":\"m\"}");

    long n = Long.parseLong(json(first.body()).getString("id").substring("chatcmpl-mock-".length()));
    assertThat(json(second.body()).getString("id")).isEqualTo("chatcmpl-mock-" + (n + 1));
    assertThat(second.headers().firstValue("x-request-id")).hasValue("req_mock_" + (n + 1));
  }
}
