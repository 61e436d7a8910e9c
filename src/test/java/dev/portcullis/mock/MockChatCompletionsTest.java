package dev.portcullis.mock;

import static dev.portcullis.mock.RunningMock.at;
import static dev.portcullis.mock.RunningMock.events;
import static dev.portcullis.mock.RunningMock.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MockChatCompletionsTest {

  private static final String CHAT = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";
  private static final String TOOLS = ",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
      + "\"parameters\":{\"type\":\"object\"}}},{\"type\":\"function\",\"function\":{\"name\":\"get_time\"}}]";

  @RegisterExtension
  static final RunningMock mock = new RunningMock();

  @Test
  void chatAnswersJsonCompletionEchoingTheRequestModel() throws Exception {
    HttpResponse<String> response = mock.post("/chat/completions", CHAT + "}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    JsonObject body = json(response.body());
    assertThat(body.getString("id")).matches("chatcmpl-mock-\\d+");
    assertThat(body.getString("object")).isEqualTo("chat.completion");
    assertThat(body.getLong("created")).isPositive();
    assertThat(body.getString("model")).isEqualTo("gpt-4o-mini");
    assertThat(at(body, "/choices/0/message/role")).isEqualTo("assistant");
    assertThat(at(body, "/choices/0/message/content")).isEqualTo("This is a mock response");
    assertThat(at(body, "/choices/0/finish_reason")).isEqualTo("stop");
    JsonObject usage = body.getJsonObject("usage");
    assertThat(usage.getInteger("completion_tokens")).isEqualTo(5);
    assertThat(usage.getInteger("total_tokens"))
        .isEqualTo(usage.getInteger("prompt_tokens") + usage.getInteger("completion_tokens"));
    assertThat(at(usage, "/prompt_tokens_details/cached_tokens")).isInstanceOf(Integer.class);
    assertThat(at(usage, "/completion_tokens_details/reasoning_tokens")).isInstanceOf(Integer.class);
  }

  @Test
  void chatAnswersOneChoicePerN() throws Exception {
    JsonArray choices = json(mock.post("/chat/completions", CHAT + ",\"n\":3}").body()).getJsonArray("choices");

    assertThat(choices.stream().map(choice -> ((JsonObject) choice).getInteger("index"))).containsExactly(0, 1, 2);
  }

  @Test
  void chatStreamsConfiguredNumberOfChunksThenDone() throws Exception {
    HttpResponse<String> response = mock.post("/chat/completions", CHAT + ",\"stream\":true}", "x-mock-chunks", "7");

    assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream");
    List<String> events = events(response.body());
    assertThat(events).hasSize(1 + 7 + 1 + 1);
    assertThat(at(json(events.getFirst()), "/choices/0/delta/role")).isEqualTo("assistant");
    assertThat(events.subList(1, 8)).allSatisfy(event -> {
      assertThat(json(event).getString("object")).isEqualTo("chat.completion.chunk");
      assertThat(at(json(event), "/choices/0/delta/content")).isInstanceOf(String.class);
    });
    assertThat(at(json(events.get(8)), "/choices/0/finish_reason")).isEqualTo("stop");
    assertThat(json(events.get(8)).containsKey("usage")).isFalse();
    assertThat(events.getLast()).isEqualTo("[DONE]");
  }

  @Test
  void streamedContentEqualsJsonContentForTheSameChunkCount() throws Exception {
    List<String> events =
        events(mock.post("/chat/completions", CHAT + ",\"stream\":true}", "x-mock-chunks", "12").body());
    Object content = at(json(mock.post("/chat/completions", CHAT + "}", "x-mock-chunks", "12").body()),
        "/choices/0/message/content");

    StringBuilder streamed = new StringBuilder();
    events.subList(1, events.size() - 2)
        .forEach(event -> streamed.append(at(json(event), "/choices/0/delta/content")));
    assertThat(streamed.toString()).isEqualTo(content);
  }

  @Test
  void chatStreamEndsWithUsageChunkWhenIncludeUsageIsSet() throws Exception {
    List<String> events = events(mock.post(
        "/chat/completions", CHAT + ",\"stream\":true,\"stream_options\":{\"include_usage\":true}}").body());

    JsonObject usageChunk = json(events.get(events.size() - 2));
    assertThat(usageChunk.getJsonArray("choices")).isEmpty();
    assertThat(at(usageChunk, "/usage/completion_tokens")).isEqualTo(5);
    assertThat((Integer) at(usageChunk, "/usage/total_tokens")).isPositive();
    assertThat(events.subList(0, events.size() - 2)).allSatisfy(event -> {
      assertThat(json(event).containsKey("usage")).isTrue();
      assertThat(json(event).getValue("usage")).isNull();
    });
    assertThat(events.getLast()).isEqualTo("[DONE]");
  }

  @Test
  void chatWithToolsAnswersACallToTheFirstTool() throws Exception {
    JsonObject body = json(mock.post("/chat/completions", CHAT + TOOLS + "}").body());

    assertThat(at(body, "/choices/0/finish_reason")).isEqualTo("tool_calls");
    assertThat(at(body, "/choices/0/message/content")).isNull();
    JsonObject call = (JsonObject) at(body, "/choices/0/message/tool_calls/0");
    assertThat(call.getString("id")).startsWith("call_");
    assertThat(call.getString("type")).isEqualTo("function");
    assertThat(at(call, "/function/name")).isEqualTo("get_weather");
    assertThat(json((String) at(call, "/function/arguments"))).isEqualTo(new JsonObject().put("location", "Paris"));
  }

  @Test
  void chatWithToolsStreamsArgumentsThatReassembleToValidJson() throws Exception {
    List<String> events = events(mock.post("/chat/completions", CHAT + TOOLS + ",\"stream\":true}").body());

    JsonObject first = (JsonObject) at(json(events.getFirst()), "/choices/0/delta/tool_calls/0");
    assertThat(first.getInteger("index")).isZero();
    assertThat(first.getString("id")).startsWith("call_");
    assertThat(at(first, "/function/name")).isEqualTo("get_weather");
    List<JsonObject> fragments = events.subList(1, events.size() - 2).stream()
        .map(event -> (JsonObject) at(json(event), "/choices/0/delta/tool_calls/0"))
        .toList();
    assertThat(fragments).hasSizeGreaterThan(1).allSatisfy(f -> assertThat(f.getInteger("index")).isZero());
    StringBuilder arguments = new StringBuilder();
    fragments.forEach(f -> arguments.append(at(f, "/function/arguments")));
    assertThat(json(arguments.toString())).isEqualTo(new JsonObject().put("location", "Paris"));
    assertThat(at(json(events.get(events.size() - 2)), "/choices/0/finish_reason")).isEqualTo("tool_calls");
  }

  @Test
  void pacedStreamDoesNotHoldUpOtherRequests() throws Exception {
    CompletableFuture<HttpResponse<String>> slow = mock.client().sendAsync(
        mock.postRequest("/chat/completions", CHAT + ",\"stream\":true}",
            "x-mock-chunks", "5", "x-mock-chunk-interval-ms", "200"),
        HttpResponse.BodyHandlers.ofString());

    HttpResponse<String> quick = mock.post("/chat/completions", CHAT + "}");

    assertThat(quick.statusCode()).isEqualTo(200);
    assertThat(slow).isNotDone();
    assertThat(events(slow.get().body())).hasSize(1 + 5 + 1 + 1);
  }
}
