package dev.portcullis.mock;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gemini's {@code generateContent} and {@code streamGenerateContent} (Gemini API and Vertex AI paths): a model answer
 * in Gemini's format, or a {@code functionCall} when the request declares functions; streamed as server-sent events
 * the way {@code alt=sse} sends them (each event a whole response holding the next text, the last with the finish
 * reason and usage). Errors use Google's shape.
 */
final class GeminiResponder implements MockEndpoint {

  private static final BodyTemplate RESPONSE = BodyTemplate.compile(
      "{\"candidates\":[{{candidates}}],\"usageMetadata\":{{usage}},\"modelVersion\":{{model}},"
          + "\"responseId\":\"mock-{{seq}}\"}");
  private static final BodyTemplate EVENT = BodyTemplate.compile(
      "data: {\"candidates\":[{{candidates}}],{{usage}}\"modelVersion\":{{model}},\"responseId\":\"mock-{{seq}}\"}"
          + "\r\n\r\n");
  private static final BodyTemplate TEXT = BodyTemplate.compile(
      "{\"content\":{\"parts\":[{\"text\":{{content}}}],\"role\":\"model\"}{{finish}},\"index\":{{index}}}");
  private static final BodyTemplate CALL = BodyTemplate.compile(
      "{\"content\":{\"parts\":[{\"functionCall\":{\"name\":{{name}},\"args\":" + ChatCompletionResponder.TOOL_ARGUMENTS
          + "}}],\"role\":\"model\"}{{finish}},\"index\":{{index}}}");
  private static final BodyTemplate USAGE = BodyTemplate.compile(
      "{\"promptTokenCount\":{{prompt}},\"candidatesTokenCount\":{{completion}},\"totalTokenCount\":{{total}}}");
  private static final String STOP = ",\"finishReason\":\"STOP\"";
  private static final int TOOL_CALL_TOKENS = ChatCompletionResponder.TOOL_ARGUMENTS.length() / 4;

  @Override
  public void answer(MockExchange exchange) {
    GeminiPath path = GeminiPath.parse(exchange.request().path());
    GeminiRequestFields fields = GeminiRequestFields.parse(exchange.body());
    int chunks = exchange.directives().chunks();
    boolean toolCall = fields.toolName() != null;
    Map<String, String> values = new HashMap<>();
    values.put("seq", Long.toString(exchange.sequence()));
    values.put("model", BodyTemplate.jsonString(path.model()));
    if (toolCall) {
      values.put("name", BodyTemplate.jsonString(fields.toolName()));
    }
    int prompt = exchange.promptTokens();
    int completion = (toolCall ? TOOL_CALL_TOKENS : chunks) * fields.candidates();
    values.put("prompt", Integer.toString(prompt));
    values.put("completion", Integer.toString(completion));
    values.put("total", Integer.toString(prompt + completion));
    if (path.method().equals("streamGenerateContent")) {
      exchange.sendStream(stream(fields, values, chunks, toolCall));
    } else {
      values.put("content", MockText.quotedText(chunks));
      values.put("finish", STOP);
      values.put("candidates", candidates(fields, values, toolCall ? CALL : TEXT));
      values.put("usage", USAGE.render(values));
      exchange.sendJson(RESPONSE.renderBuffer(values));
    }
  }

  @Override
  public void fail(MockExchange exchange, int status, String message, String param) {
    GoogleErrorReply.send(exchange.request().response(), exchange.sequence(), status, message);
  }

  private static SseScript stream(GeminiRequestFields fields, Map<String, String> values, int chunks,
      boolean toolCall) {
    values.put("usage", "");
    values.put("finish", "");
    List<Buffer> events = new ArrayList<>();
    if (toolCall) {
      events.add(event(fields, values, CALL));
    } else {
      for (int step = 0; step < chunks; step++) {
        values.put("content", MockText.quotedPiece(step));
        events.add(event(fields, values, TEXT));
      }
    }
    values.put("content", "\"\"");
    values.put("finish", STOP);
    values.put("usage", "\"usageMetadata\":" + USAGE.render(values) + ",");
    Buffer closing = event(fields, values, TEXT);
    Buffer opening = events.isEmpty() ? Buffer.buffer() : events.removeFirst();
    return new SseScript(opening, events, closing);
  }

  private static Buffer event(GeminiRequestFields fields, Map<String, String> values, BodyTemplate candidate) {
    values.put("candidates", candidates(fields, values, candidate));
    return EVENT.renderBuffer(values);
  }

  private static String candidates(GeminiRequestFields fields, Map<String, String> values, BodyTemplate candidate) {
    StringBuilder all = new StringBuilder(200 * fields.candidates());
    for (int i = 0; i < fields.candidates(); i++) {
      values.put("index", Integer.toString(i));
      candidate.render(i == 0 ? all : all.append(','), values);
    }
    return all.toString();
  }
}
