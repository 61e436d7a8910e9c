package dev.portcullis.mock;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /v1/chat/completions}: an assistant message, or a tool call when the request offers tools; as one JSON
 * object, or as server-sent chunks the way OpenAI streams them (role, content or argument pieces, finish reason,
 * usage when {@code stream_options.include_usage} asks for it, {@code [DONE]}).
 */
final class ChatCompletionResponder implements MockEndpoint {

  /** The arguments of every tool call the mock makes. */
  static final String TOOL_ARGUMENTS = "{\"location\":\"Paris\"}";

  private static final int TOOL_ARGUMENT_TOKENS = TOOL_ARGUMENTS.length() / 4;

  private static final BodyTemplate COMPLETION = BodyTemplate.compile(
      "{\"id\":\"chatcmpl-mock-{{seq}}\",\"object\":\"chat.completion\",\"created\":{{created}},\"model\":{{model}},"
          + "\"choices\":[{{choices}}],\"usage\":{{usage}},"
          + "\"service_tier\":\"default\",\"system_fingerprint\":\"fp_mock\"}");
  private static final BodyTemplate MESSAGE_CHOICE = BodyTemplate.compile(
      "{\"index\":{{index}},\"message\":{\"role\":\"assistant\",\"content\":{{content}},"
          + "\"refusal\":null,\"annotations\":[]},\"logprobs\":null,\"finish_reason\":\"stop\"}");
  private static final BodyTemplate TOOL_CHOICE = BodyTemplate.compile(
      "{\"index\":{{index}},\"message\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{"
          + "\"id\":\"call_mock_{{seq}}_{{index}}\",\"type\":\"function\","
          + "\"function\":{\"name\":{{name}},\"arguments\":{{arguments}}}}],"
          + "\"refusal\":null,\"annotations\":[]},\"logprobs\":null,\"finish_reason\":\"tool_calls\"}");
  private static final BodyTemplate USAGE = BodyTemplate.compile(
      "{\"prompt_tokens\":{{prompt}},\"completion_tokens\":{{completion}},\"total_tokens\":{{total}},"
          + "\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},"
          + "\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0,"
          + "\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}}");

  private static final BodyTemplate CHUNK = BodyTemplate.compile(
      "data: {\"id\":\"chatcmpl-mock-{{seq}}\",\"object\":\"chat.completion.chunk\",\"created\":{{created}},"
          + "\"model\":{{model}},\"service_tier\":\"default\",\"system_fingerprint\":\"fp_mock\","
          + "\"choices\":[{{choice}}]{{usage}}}\n\n");
  private static final BodyTemplate ROLE_DELTA = BodyTemplate.compile(
      "{\"index\":{{index}},\"delta\":{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null},"
          + "\"logprobs\":null,\"finish_reason\":null}");
  private static final BodyTemplate CONTENT_DELTA = BodyTemplate.compile(
      "{\"index\":{{index}},\"delta\":{\"content\":{{content}}},\"logprobs\":null,\"finish_reason\":null}");
  private static final BodyTemplate TOOL_CALL_DELTA = BodyTemplate.compile(
      "{\"index\":{{index}},\"delta\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":0,"
          + "\"id\":\"call_mock_{{seq}}_{{index}}\",\"type\":\"function\","
          + "\"function\":{\"name\":{{name}},\"arguments\":\"\"}}],\"refusal\":null},"
          + "\"logprobs\":null,\"finish_reason\":null}");
  private static final BodyTemplate ARGUMENTS_DELTA = BodyTemplate.compile(
      "{\"index\":{{index}},\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":{{fragment}}}}]},"
          + "\"logprobs\":null,\"finish_reason\":null}");
  private static final BodyTemplate FINISH_DELTA = BodyTemplate.compile(
      "{\"index\":{{index}},\"delta\":{},\"logprobs\":null,\"finish_reason\":\"{{reason}}\"}");

  @Override
  public void answer(MockExchange exchange) {
    RequestFields fields = exchange.fields();
    int chunks = exchange.directives().chunks();
    boolean toolCall = fields.toolName() != null;
    Map<String, String> values =
        exchange.completionValues(fields, (toolCall ? TOOL_ARGUMENT_TOKENS : chunks) * fields.n());
    if (toolCall) {
      values.put("name", BodyTemplate.jsonString(fields.toolName()));
    }
    if (fields.stream()) {
      exchange.sendStream(toolCall ? toolCallStream(fields, values, chunks) : messageStream(fields, values, chunks));
    } else {
      exchange.sendJson(completion(fields, values, chunks, toolCall));
    }
  }

  private static Buffer completion(RequestFields fields, Map<String, String> values, int chunks, boolean toolCall) {
    values.put("content", MockText.quotedText(chunks));
    values.put("arguments", BodyTemplate.jsonString(TOOL_ARGUMENTS));
    StringBuilder choices = new StringBuilder(320 * fields.n());
    for (int i = 0; i < fields.n(); i++) {
      values.put("index", Integer.toString(i));
      (toolCall ? TOOL_CHOICE : MESSAGE_CHOICE).render(i == 0 ? choices : choices.append(','), values);
    }
    values.put("choices", choices.toString());
    values.put("usage", USAGE.render(values));
    return COMPLETION.renderBuffer(values);
  }

  private static SseScript messageStream(RequestFields fields, Map<String, String> values, int chunks) {
    values.put("usage", fields.includeUsage() ? ",\"usage\":null" : "");
    Buffer opening = Buffer.buffer(events(fields, values, ROLE_DELTA).toString());
    List<Buffer> paced = new ArrayList<>(chunks);
    for (int step = 0; step < chunks; step++) {
      values.put("content", MockText.quotedPiece(step));
      paced.add(Buffer.buffer(events(fields, values, CONTENT_DELTA).toString()));
    }
    values.put("reason", "stop");
    return new SseScript(opening, paced, closing(fields, values));
  }

  private static SseScript toolCallStream(RequestFields fields, Map<String, String> values, int chunks) {
    values.put("usage", fields.includeUsage() ? ",\"usage\":null" : "");
    Buffer opening = Buffer.buffer(events(fields, values, TOOL_CALL_DELTA).toString());
    List<String> fragments = argumentFragments(chunks);
    List<Buffer> paced = new ArrayList<>(fragments.size());
    for (String fragment : fragments) {
      values.put("fragment", BodyTemplate.jsonString(fragment));
      paced.add(Buffer.buffer(events(fields, values, ARGUMENTS_DELTA).toString()));
    }
    values.put("reason", "tool_calls");
    return new SseScript(opening, paced, closing(fields, values));
  }

  /** One chunk per choice, with the given delta. */
  private static StringBuilder events(RequestFields fields, Map<String, String> values, BodyTemplate delta) {
    StringBuilder events = new StringBuilder(400 * fields.n());
    for (int i = 0; i < fields.n(); i++) {
      values.put("index", Integer.toString(i));
      values.put("choice", delta.render(values));
      CHUNK.render(events, values);
    }
    return events;
  }

  private static Buffer closing(RequestFields fields, Map<String, String> values) {
    StringBuilder closing = events(fields, values, FINISH_DELTA);
    if (fields.includeUsage()) {
      values.put("choice", "");
      values.put("usage", ",\"usage\":" + USAGE.render(values));
      CHUNK.render(closing, values);
    }
    return Buffer.buffer(closing.append(SseScript.DONE).toString());
  }

  /** The tool-call arguments cut into as many pieces as chunks are asked for (at least one, at most one per char). */
  static List<String> argumentFragments(int chunks) {
    int count = Math.clamp(chunks, 1, TOOL_ARGUMENTS.length());
    List<String> fragments = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      fragments.add(TOOL_ARGUMENTS.substring(
          i * TOOL_ARGUMENTS.length() / count, (i + 1) * TOOL_ARGUMENTS.length() / count));
    }
    return fragments;
  }
}
