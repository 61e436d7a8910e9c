package dev.portcullis.mock;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /v2/chat} the way Cohere answers it: an assistant message with text content, or a tool plan and one
 * tool call when the request offers tools; as one JSON object, or as Cohere's server-sent events ({@code event:}
 * line and JSON {@code type}: message-start, content or tool-call events, message-end with the finish reason and
 * usage, then {@code data: [DONE]}).
 */
final class CohereChatResponder implements CohereMockEndpoint {

  private static final int TOOL_ARGUMENT_TOKENS = ChatCompletionResponder.TOOL_ARGUMENTS.length() / 4;

  private static final BodyTemplate USAGE = BodyTemplate.compile(
      "{\"billed_units\":{\"input_tokens\":{{prompt}},\"output_tokens\":{{completion}}},"
          + "\"tokens\":{\"input_tokens\":{{prompt}},\"output_tokens\":{{completion}}},\"cached_tokens\":0}");
  private static final BodyTemplate TEXT_ANSWER = BodyTemplate.compile(
      "{\"id\":\"mock-{{seq}}\",\"finish_reason\":\"COMPLETE\",\"message\":{\"role\":\"assistant\","
          + "\"content\":[{\"type\":\"text\",\"text\":{{content}}}]},\"usage\":{{usage}}}");
  private static final BodyTemplate TOOL_ANSWER = BodyTemplate.compile(
      "{\"id\":\"mock-{{seq}}\",\"finish_reason\":\"TOOL_CALL\",\"message\":{\"role\":\"assistant\","
          + "\"tool_plan\":{{plan}},\"tool_calls\":[{\"id\":{{callId}},\"type\":\"function\","
          + "\"function\":{\"name\":{{name}},\"arguments\":{{arguments}}}}]},\"usage\":{{usage}}}");

  private static final BodyTemplate MESSAGE_START = BodyTemplate.compile(
      "event: message-start\ndata: {\"id\":\"mock-{{seq}}\",\"type\":\"message-start\",\"delta\":{\"message\":"
          + "{\"role\":\"assistant\",\"content\":[],\"tool_plan\":\"\",\"tool_calls\":[],\"citations\":[]}}}\n\n");
  private static final String CONTENT_START = "event: content-start\ndata: {\"type\":\"content-start\",\"index\":0,"
      + "\"delta\":{\"message\":{\"content\":{\"type\":\"text\",\"text\":\"\"}}}}\n\n";
  private static final BodyTemplate CONTENT_DELTA = BodyTemplate.compile(
      "event: content-delta\ndata: {\"type\":\"content-delta\",\"index\":0,"
          + "\"delta\":{\"message\":{\"content\":{\"text\":{{content}}}}}}\n\n");
  private static final String CONTENT_END = "event: content-end\ndata: {\"type\":\"content-end\",\"index\":0}\n\n";
  private static final BodyTemplate TOOL_PLAN_DELTA = BodyTemplate.compile(
      "event: tool-plan-delta\ndata: {\"type\":\"tool-plan-delta\",\"delta\":{\"message\":{\"tool_plan\":{{plan}}}}}"
          + "\n\n");
  private static final BodyTemplate TOOL_CALL_START = BodyTemplate.compile(
      "event: tool-call-start\ndata: {\"type\":\"tool-call-start\",\"index\":0,\"delta\":{\"message\":"
          + "{\"tool_calls\":{\"id\":{{callId}},\"type\":\"function\",\"function\":{\"name\":{{name}},"
          + "\"arguments\":\"\"}}}}}\n\n");
  private static final BodyTemplate TOOL_CALL_DELTA = BodyTemplate.compile(
      "event: tool-call-delta\ndata: {\"type\":\"tool-call-delta\",\"index\":0,\"delta\":{\"message\":"
          + "{\"tool_calls\":{\"function\":{\"arguments\":{{fragment}}}}}}}\n\n");
  private static final String TOOL_CALL_END = "event: tool-call-end\ndata: {\"type\":\"tool-call-end\",\"index\":0}"
      + "\n\n";
  private static final BodyTemplate MESSAGE_END = BodyTemplate.compile(
      "event: message-end\ndata: {\"type\":\"message-end\",\"delta\":{\"finish_reason\":\"{{reason}}\","
          + "\"usage\":{{usage}}}}\n\n");

  @Override
  public void answer(MockExchange exchange) {
    RequestFields fields = exchange.fields();
    int chunks = exchange.directives().chunks();
    boolean toolCall = fields.toolName() != null;
    Map<String, String> values = exchange.completionValues(fields, toolCall ? TOOL_ARGUMENT_TOKENS : chunks);
    values.put("usage", USAGE.render(values));
    if (toolCall) {
      values.put("name", BodyTemplate.jsonString(fields.toolName()));
      values.put("callId", BodyTemplate.jsonString(fields.toolName() + "_mock" + exchange.sequence()));
      values.put("plan", BodyTemplate.jsonString("I will call " + fields.toolName() + "."));
    }
    if (fields.stream()) {
      exchange.sendStream(toolCall ? toolCallStream(values, chunks) : textStream(values, chunks));
    } else if (toolCall) {
      values.put("arguments", BodyTemplate.jsonString(ChatCompletionResponder.TOOL_ARGUMENTS));
      exchange.sendJson(TOOL_ANSWER.renderBuffer(values));
    } else {
      values.put("content", MockText.quotedText(chunks));
      exchange.sendJson(TEXT_ANSWER.renderBuffer(values));
    }
  }

  private static SseScript textStream(Map<String, String> values, int chunks) {
    Buffer opening = Buffer.buffer(MESSAGE_START.render(values) + CONTENT_START);
    List<Buffer> paced = new ArrayList<>(chunks);
    for (int step = 0; step < chunks; step++) {
      values.put("content", MockText.quotedPiece(step));
      paced.add(CONTENT_DELTA.renderBuffer(values));
    }
    values.put("reason", "COMPLETE");
    return new SseScript(opening, paced, Buffer.buffer(CONTENT_END + MESSAGE_END.render(values) + SseScript.DONE));
  }

  private static SseScript toolCallStream(Map<String, String> values, int chunks) {
    Buffer opening = Buffer.buffer(
        MESSAGE_START.render(values) + TOOL_PLAN_DELTA.render(values) + TOOL_CALL_START.render(values));
    List<String> fragments = ChatCompletionResponder.argumentFragments(chunks);
    List<Buffer> paced = new ArrayList<>(fragments.size());
    for (String fragment : fragments) {
      values.put("fragment", BodyTemplate.jsonString(fragment));
      paced.add(TOOL_CALL_DELTA.renderBuffer(values));
    }
    values.put("reason", "TOOL_CALL");
    return new SseScript(opening, paced, Buffer.buffer(TOOL_CALL_END + MESSAGE_END.render(values) + SseScript.DONE));
  }
}
