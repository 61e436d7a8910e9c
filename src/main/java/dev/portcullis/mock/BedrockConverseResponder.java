package dev.portcullis.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /model/{modelId}/converse} and {@code /converse-stream}: a Converse answer with text, or a
 * {@code toolUse} block when the request offers tools; streamed as AWS event-stream frames ({@code messageStart},
 * {@code contentBlockStart} for a tool call, one {@code contentBlockDelta} per chunk, {@code contentBlockStop},
 * {@code messageStop}, {@code metadata} with usage). The signature is not checked; whether the request carried a
 * SigV4 {@code Authorization} is echoed in {@code x-mock-sigv4}.
 */
final class BedrockConverseResponder implements MockEndpoint {

  static final CharSequence SIGV4_ECHO = HttpHeaders.createOptimized("x-mock-sigv4");
  private static final CharSequence EVENT_STREAM = HttpHeaders.createOptimized("application/vnd.amazon.eventstream");
  private static final CharSequence APPLICATION_JSON = HttpHeaders.createOptimized("application/json");
  private static final String SIGV4 = "AWS4-HMAC-SHA256 ";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final BodyTemplate TEXT_ANSWER = BodyTemplate.compile(
      "{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":[{\"text\":{{content}}}]}},"
          + "\"stopReason\":\"end_turn\",\"usage\":{{usage}},\"metrics\":{\"latencyMs\":0}}");
  private static final BodyTemplate TOOL_ANSWER = BodyTemplate.compile(
      "{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":[{\"toolUse\":{\"toolUseId\":\"{{id}}\","
          + "\"name\":{{name}},\"input\":" + ChatCompletionResponder.TOOL_ARGUMENTS + "}}]}},"
          + "\"stopReason\":\"tool_use\",\"usage\":{{usage}},\"metrics\":{\"latencyMs\":0}}");
  private static final BodyTemplate USAGE = BodyTemplate.compile(
      "{\"inputTokens\":{{prompt}},\"outputTokens\":{{completion}},\"totalTokens\":{{total}}}");
  private static final BodyTemplate TOOL_START = BodyTemplate.compile(
      "{\"contentBlockIndex\":0,\"start\":{\"toolUse\":{\"toolUseId\":\"{{id}}\",\"name\":{{name}}}}}");

  @Override
  public void fail(MockExchange exchange, int status, String message, String param) {
    BedrockErrorReply.send(exchange.request().response(), exchange.sequence(), status, message);
  }

  @Override
  public void answer(MockExchange exchange) {
    JsonNode body = body(exchange.body());
    String toolName = firstToolName(body);
    int chunks = exchange.directives().chunks();
    int completion = toolName != null ? ChatCompletionResponder.TOOL_ARGUMENT_TOKENS : chunks;
    int prompt = exchange.promptTokens();
    Map<String, String> values = new HashMap<>();
    values.put("prompt", Integer.toString(prompt));
    values.put("completion", Integer.toString(completion));
    values.put("total", Integer.toString(prompt + completion));
    values.put("usage", USAGE.render(values));
    values.put("id", "tooluse_mock_" + exchange.sequence());
    if (toolName != null) {
      values.put("name", BodyTemplate.jsonString(toolName));
    }
    String authorization = exchange.request().getHeader(HttpHeaders.AUTHORIZATION);
    exchange.request().response().headers()
        .set(SIGV4_ECHO, Boolean.toString(authorization != null && authorization.startsWith(SIGV4)));
    if ("converse-stream".equals(BedrockOperation.parse(exchange.request().path()).operation())) {
      exchange.sendStream(EVENT_STREAM, toolName != null ? toolStream(values, chunks) : textStream(values, chunks));
    } else if (toolName != null) {
      exchange.send(APPLICATION_JSON, TOOL_ANSWER.renderBuffer(values));
    } else {
      values.put("content", MockText.quotedText(chunks));
      exchange.send(APPLICATION_JSON, TEXT_ANSWER.renderBuffer(values));
    }
  }

  private static SseScript textStream(Map<String, String> values, int chunks) {
    List<Buffer> paced = new ArrayList<>(chunks);
    for (int step = 0; step < chunks; step++) {
      paced.add(EventStreamWriter.event("contentBlockDelta",
          "{\"contentBlockIndex\":0,\"delta\":{\"text\":" + MockText.quotedPiece(step) + "}}"));
    }
    return new SseScript(EventStreamWriter.event("messageStart", "{\"role\":\"assistant\"}"), paced,
        closing(values, "end_turn"));
  }

  private static SseScript toolStream(Map<String, String> values, int chunks) {
    Buffer opening = EventStreamWriter.event("messageStart", "{\"role\":\"assistant\"}")
        .appendBuffer(EventStreamWriter.event("contentBlockStart", TOOL_START.render(values)));
    List<String> fragments = ChatCompletionResponder.argumentFragments(chunks);
    List<Buffer> paced = new ArrayList<>(fragments.size());
    for (String fragment : fragments) {
      paced.add(EventStreamWriter.event("contentBlockDelta",
          "{\"contentBlockIndex\":0,\"delta\":{\"toolUse\":{\"input\":" + BodyTemplate.jsonString(fragment) + "}}}"));
    }
    return new SseScript(opening, paced, closing(values, "tool_use"));
  }

  private static Buffer closing(Map<String, String> values, String stopReason) {
    return EventStreamWriter.event("contentBlockStop", "{\"contentBlockIndex\":0}")
        .appendBuffer(EventStreamWriter.event("messageStop", "{\"stopReason\":\"" + stopReason + "\"}"))
        .appendBuffer(EventStreamWriter.event("metadata",
            "{\"usage\":" + values.get("usage") + ",\"metrics\":{\"latencyMs\":0}}"));
  }

  /** toolConfig.tools[].toolSpec.name of the first tool, or null when the request offers none. */
  private static String firstToolName(JsonNode body) {
    for (JsonNode tool : body.path("toolConfig").path("tools")) {
      JsonNode name = tool.path("toolSpec").path("name");
      if (name.isTextual()) {
        return name.asText();
      }
    }
    return null;
  }

  static JsonNode body(Buffer bytes) {
    try {
      JsonNode body = JSON.readTree(bytes.getBytes());
      if (body == null || !body.isObject()) {
        throw new InvalidRequestException(null, "body: expected a JSON object");
      }
      return body;
    } catch (IOException e) {
      throw new InvalidRequestException(null, "body: not valid JSON");
    }
  }
}
