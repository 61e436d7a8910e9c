package dev.portcullis.mock;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code POST /v1/completions}: the legacy {@code text_completion}, as one JSON object or as streamed chunks. */
final class TextCompletionResponder implements MockEndpoint {

  private static final BodyTemplate COMPLETION = BodyTemplate.compile(
      "{\"id\":\"cmpl-mock-{{seq}}\",\"object\":\"text_completion\",\"created\":{{created}},\"model\":{{model}},"
          + "\"choices\":[{{choices}}],\"usage\":{{usage}},\"system_fingerprint\":\"fp_mock\"}");
  private static final BodyTemplate CHUNK = BodyTemplate.compile(
      "data: {\"id\":\"cmpl-mock-{{seq}}\",\"object\":\"text_completion\",\"created\":{{created}},\"model\":{{model}},"
          + "\"choices\":[{{choices}}],\"system_fingerprint\":\"fp_mock\"{{usage}}}\n\n");
  private static final BodyTemplate CHOICE = BodyTemplate.compile(
      "{\"text\":{{text}},\"index\":{{index}},\"logprobs\":null,\"finish_reason\":{{reason}}}");
  private static final BodyTemplate USAGE = BodyTemplate.compile(
      "{\"prompt_tokens\":{{prompt}},\"completion_tokens\":{{completion}},\"total_tokens\":{{total}}}");

  @Override
  public void answer(MockExchange exchange) {
    RequestFields fields = exchange.fields();
    int chunks = exchange.directives().chunks();
    Map<String, String> values = exchange.completionValues(fields, chunks * fields.n());
    if (fields.stream()) {
      exchange.sendStream(stream(fields, values, chunks));
    } else {
      values.put("text", MockText.quotedText(chunks));
      values.put("reason", "\"stop\"");
      values.put("choices", choices(fields, values));
      values.put("usage", USAGE.render(values));
      exchange.sendJson(COMPLETION.renderBuffer(values));
    }
  }

  private static SseScript stream(RequestFields fields, Map<String, String> values, int chunks) {
    values.put("usage", fields.includeUsage() ? ",\"usage\":null" : "");
    values.put("reason", "null");
    List<Buffer> paced = new ArrayList<>(chunks);
    for (int step = 0; step < chunks; step++) {
      values.put("text", MockText.quotedPiece(step));
      values.put("choices", choices(fields, values));
      paced.add(CHUNK.renderBuffer(values));
    }
    values.put("text", "\"\"");
    values.put("reason", "\"stop\"");
    values.put("choices", choices(fields, values));
    StringBuilder closing = CHUNK.render(new StringBuilder(512), values);
    if (fields.includeUsage()) {
      values.put("choices", "");
      values.put("usage", ",\"usage\":" + USAGE.render(values));
      CHUNK.render(closing, values);
    }
    return new SseScript(Buffer.buffer(), paced, Buffer.buffer(closing.append(SseScript.DONE).toString()));
  }

  private static String choices(RequestFields fields, Map<String, String> values) {
    StringBuilder choices = new StringBuilder();
    for (int i = 0; i < fields.n(); i++) {
      values.put("index", Integer.toString(i));
      choices.append(i == 0 ? "" : ",").append(CHOICE.render(values));
    }
    return choices.toString();
  }
}
