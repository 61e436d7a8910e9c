package dev.portcullis.mock;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /v1/messages}: Anthropic's Messages API. A text message, or a {@code tool_use} of the first tool when
 * the request offers tools; as one JSON message, or as the documented event stream: {@code message_start},
 * {@code content_block_start}, {@code ping}, one {@code content_block_delta} per chunk ({@code text_delta} or
 * {@code input_json_delta}), {@code content_block_stop}, {@code message_delta} with the stop reason and output
 * tokens, {@code message_stop}. Like the real API, it wants an {@code anthropic-version} header.
 */
final class AnthropicMessagesResponder implements MockEndpoint {

  private static final CharSequence VERSION = HttpHeaders.createOptimized("anthropic-version");
  private static final int TOOL_ARGUMENT_TOKENS = ChatCompletionResponder.TOOL_ARGUMENTS.length() / 4;

  private static final BodyTemplate MESSAGE = BodyTemplate.compile(
      "{\"id\":\"msg_mock_{{seq}}\",\"type\":\"message\",\"role\":\"assistant\",\"model\":{{model}},"
          + "\"content\":[{{content}}],\"stop_reason\":\"{{reason}}\",\"stop_sequence\":null,\"usage\":{{usage}}}");
  private static final BodyTemplate TEXT_BLOCK = BodyTemplate.compile("{\"type\":\"text\",\"text\":{{text}}}");
  private static final BodyTemplate TOOL_BLOCK = BodyTemplate.compile(
      "{\"type\":\"tool_use\",\"id\":\"toolu_mock_{{seq}}\",\"name\":{{name}},\"input\":{{input}}}");
  private static final BodyTemplate USAGE = BodyTemplate.compile(
      "{\"input_tokens\":{{prompt}},\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,"
          + "\"output_tokens\":{{completion}}}");

  private static final BodyTemplate MESSAGE_START = BodyTemplate.compile(
      "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_mock_{{seq}}\","
          + "\"type\":\"message\",\"role\":\"assistant\",\"model\":{{model}},\"content\":[],\"stop_reason\":null,"
          + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":{{prompt}},\"cache_creation_input_tokens\":0,"
          + "\"cache_read_input_tokens\":0,\"output_tokens\":1}}}\n\n");
  private static final BodyTemplate BLOCK_START = BodyTemplate.compile(
      "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{{block}}}\n\n"
          + "event: ping\ndata: {\"type\": \"ping\"}\n\n");
  private static final BodyTemplate DELTA = BodyTemplate.compile(
      "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
          + "\"delta\":{\"type\":\"{{kind}}\",\"{{field}}\":{{piece}}}}\n\n");
  private static final BodyTemplate CLOSING = BodyTemplate.compile(
      "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
          + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"{{reason}}\","
          + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":{{completion}}}}\n\n"
          + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");

  @Override
  public void answer(MockExchange exchange) {
    if (exchange.request().headers().get(VERSION) == null) {
      throw new InvalidRequestException("anthropic-version", "anthropic-version: header is required");
    }
    RequestFields fields = exchange.fields();
    int chunks = exchange.directives().chunks();
    boolean toolUse = fields.toolName() != null;
    Map<String, String> values = exchange.completionValues(fields, toolUse ? TOOL_ARGUMENT_TOKENS : chunks);
    values.put("reason", toolUse ? "tool_use" : "end_turn");
    if (toolUse) {
      values.put("name", BodyTemplate.jsonString(fields.toolName()));
    }
    if (fields.stream()) {
      exchange.sendStream(toolUse ? toolUseStream(values, chunks) : textStream(values, chunks));
    } else {
      values.put("input", ChatCompletionResponder.TOOL_ARGUMENTS);
      values.put("text", MockText.quotedText(chunks));
      values.put("content", (toolUse ? TOOL_BLOCK : TEXT_BLOCK).render(values));
      values.put("usage", USAGE.render(values));
      exchange.sendJson(MESSAGE.renderBuffer(values));
    }
  }

  private static SseScript textStream(Map<String, String> values, int chunks) {
    values.put("block", "{\"type\":\"text\",\"text\":\"\"}");
    values.put("kind", "text_delta");
    values.put("field", "text");
    List<Buffer> paced = new ArrayList<>(chunks);
    for (int step = 0; step < chunks; step++) {
      values.put("piece", MockText.quotedPiece(step));
      paced.add(DELTA.renderBuffer(values));
    }
    return script(values, paced);
  }

  private static SseScript toolUseStream(Map<String, String> values, int chunks) {
    values.put("input", "{}");
    values.put("block", TOOL_BLOCK.render(values));
    values.put("kind", "input_json_delta");
    values.put("field", "partial_json");
    List<String> fragments = ChatCompletionResponder.argumentFragments(chunks);
    List<Buffer> paced = new ArrayList<>(fragments.size());
    for (String fragment : fragments) {
      values.put("piece", BodyTemplate.jsonString(fragment));
      paced.add(DELTA.renderBuffer(values));
    }
    return script(values, paced);
  }

  private static SseScript script(Map<String, String> values, List<Buffer> paced) {
    StringBuilder opening = MESSAGE_START.render(new StringBuilder(512), values);
    return new SseScript(Buffer.buffer(BLOCK_START.render(opening, values).toString()), paced,
        CLOSING.renderBuffer(values));
  }
}
