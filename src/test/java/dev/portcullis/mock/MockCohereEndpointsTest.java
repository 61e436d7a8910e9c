package dev.portcullis.mock;

import static dev.portcullis.mock.RunningMock.at;
import static dev.portcullis.mock.RunningMock.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MockCohereEndpointsTest {

  private static final String CHAT = "{\"model\":\"command-a-03-2025\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";
  private static final String TOOLS = ",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
      + "\"parameters\":{\"type\":\"object\"}}}]";

  @RegisterExtension
  static final RunningMock mock = new RunningMock();

  @Test
  void chatAnswersCohereMessageWithTextContentAndUsage() throws Exception {
    HttpResponse<String> response = post("/v2/chat", CHAT + "}", "x-mock-chunks", "5");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject body = json(response.body());
    assertThat(body.getString("id")).startsWith("mock-");
    assertThat(body.getString("finish_reason")).isEqualTo("COMPLETE");
    assertThat(at(body, "/message/role")).isEqualTo("assistant");
    assertThat(at(body, "/message/content/0/type")).isEqualTo("text");
    assertThat(at(body, "/message/content/0/text")).isEqualTo("This is a mock response");
    assertThat(at(body, "/usage/tokens/output_tokens")).isEqualTo(5);
    assertThat((Integer) at(body, "/usage/billed_units/input_tokens")).isPositive();
  }

  @Test
  void chatWithToolsAnswersToolPlanAndToolCall() throws Exception {
    JsonObject body = json(post("/v2/chat", CHAT + TOOLS + "}").body());

    assertThat(body.getString("finish_reason")).isEqualTo("TOOL_CALL");
    assertThat(at(body, "/message/tool_plan")).isEqualTo("I will call get_weather.");
    assertThat(at(body, "/message/tool_calls/0/function/name")).isEqualTo("get_weather");
    assertThat(at(body, "/message/tool_calls/0/function/arguments")).isEqualTo(ChatCompletionResponder.TOOL_ARGUMENTS);
  }

  @Test
  void chatStreamSendsNamedEventsWhoseTypeMatchesTheEventLine() throws Exception {
    HttpResponse<String> response = post("/v2/chat", CHAT + ",\"stream\":true}", "x-mock-chunks", "3");

    assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream");
    List<String[]> events = namedEvents(response.body());
    assertThat(events).extracting(e -> e[0]).containsExactly("message-start", "content-start", "content-delta",
        "content-delta", "content-delta", "content-end", "message-end", null);
    events.stream().filter(e -> e[0] != null)
        .forEach(e -> assertThat(json(e[1]).getString("type")).isEqualTo(e[0]));
    StringBuilder text = new StringBuilder();
    events.subList(2, 5).forEach(e -> text.append(at(json(e[1]), "/delta/message/content/text")));
    assertThat(text).hasToString("This is a");
    assertThat(at(json(events.get(6)[1]), "/delta/finish_reason")).isEqualTo("COMPLETE");
    assertThat(at(json(events.get(6)[1]), "/delta/usage/tokens/output_tokens")).isEqualTo(3);
    assertThat(events.getLast()[1]).isEqualTo("[DONE]");
  }

  @Test
  void toolCallStreamSendsArgumentsInPiecesThatJoinToTheWholeArguments() throws Exception {
    List<String[]> events = namedEvents(post("/v2/chat", CHAT + TOOLS + ",\"stream\":true}", "x-mock-chunks", "4")
        .body());

    assertThat(events).extracting(e -> e[0]).startsWith("message-start", "tool-plan-delta", "tool-call-start")
        .endsWith("tool-call-end", "message-end", null);
    StringBuilder arguments = new StringBuilder();
    events.stream().filter(e -> "tool-call-delta".equals(e[0]))
        .forEach(e -> arguments.append(at(json(e[1]), "/delta/message/tool_calls/function/arguments")));
    assertThat(arguments).hasToString(ChatCompletionResponder.TOOL_ARGUMENTS);
    assertThat(at(json(events.get(events.size() - 2)[1]), "/delta/finish_reason")).isEqualTo("TOOL_CALL");
  }

  @Test
  void embedAnswersFloatEmbeddingsPerTextWithBilledTokens() throws Exception {
    JsonObject body = json(post("/v2/embed", "{\"model\":\"embed-v4.0\",\"texts\":[\"a\",\"b\"],"
        + "\"input_type\":\"search_document\",\"embedding_types\":[\"float\"]}").body());

    JsonArray vectors = (JsonArray) at(body, "/embeddings/float");
    assertThat(vectors).hasSize(2);
    assertThat(vectors.getJsonArray(0)).hasSize(EmbeddingResponder.DIMENSIONS);
    assertThat(body.getString("response_type")).isEqualTo("embeddings_by_type");
    assertThat((Integer) at(body, "/meta/billed_units/input_tokens")).isPositive();
  }

  @Test
  void embedWithoutInputTypeIsRefusedInCohereErrorShape() throws Exception {
    HttpResponse<String> response = post("/v2/embed", "{\"model\":\"embed-v4.0\",\"texts\":[\"a\"]}");

    assertThat(response.statusCode()).isEqualTo(400);
    JsonObject body = json(response.body());
    assertThat(body.getString("message")).contains("input_type");
    assertThat(body.getString("id")).isNotEmpty();
    assertThat(body.containsKey("error")).isFalse();
  }

  @Test
  void rerankRanksTheDocumentSharingMostQueryWordsFirstAndHonoursTopN() throws Exception {
    JsonObject body = json(post("/v2/rerank", "{\"model\":\"rerank-v3.5\",\"query\":\"capital of France\","
        + "\"documents\":[\"Berlin is in Germany\",\"Paris is the capital of France\",\"France is big\"],"
        + "\"top_n\":2}").body());

    JsonArray results = body.getJsonArray("results");
    assertThat(results).hasSize(2);
    assertThat(at(body, "/results/0/index")).isEqualTo(1);
    assertThat(at(body, "/results/1/index")).isEqualTo(2);
    assertThat(at(body, "/meta/billed_units/search_units")).isEqualTo(1);
  }

  @Test
  void mockStatusAnswersInCohereErrorShapeOnCoherePaths() throws Exception {
    HttpResponse<String> response = post("/v2/chat", CHAT + "}", "x-mock-status", "429");

    assertThat(response.statusCode()).isEqualTo(429);
    JsonObject body = json(response.body());
    assertThat(body.getString("message")).contains("Trial key");
    assertThat(body.containsKey("error")).isFalse();
  }

  @Test
  void azureDeploymentPathsAnswerLikeOpenAi() throws Exception {
    HttpResponse<String> deployment = post("/openai/deployments/gpt-4o-prod/chat/completions?api-version=2024-10-21",
        "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    HttpResponse<String> v1 = post("/openai/v1/embeddings", "{\"model\":\"text-embedding-3-small\",\"input\":\"x\"}");

    assertThat(deployment.statusCode()).isEqualTo(200);
    assertThat(json(deployment.body()).getString("object")).isEqualTo("chat.completion");
    assertThat(json(v1.body()).getString("object")).isEqualTo("list");
  }

  private static HttpResponse<String> post(String path, String json, String... headers) throws Exception {
    String root = mock.upstream().baseUrl().substring(0, mock.upstream().baseUrl().length() - "/v1".length());
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root + path))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return mock.client().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Each event's {@code event:} name (null when it has none) and {@code data:} payload. */
  private static List<String[]> namedEvents(String stream) {
    List<String[]> events = new ArrayList<>();
    for (String block : stream.split("\n\n")) {
      String name = null;
      String data = null;
      for (String line : block.split("\n")) {
        if (line.startsWith("event: ")) {
          name = line.substring("event: ".length());
        } else if (line.startsWith("data: ")) {
          data = line.substring("data: ".length());
        }
      }
      if (data != null) {
        events.add(new String[] {name, data});
      }
    }
    return events;
  }
}
