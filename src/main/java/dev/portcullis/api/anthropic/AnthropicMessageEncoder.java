package dev.portcullis.api.anthropic;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.model.ChatResponse;
import dev.portcullis.model.Choice;
import dev.portcullis.model.Message;
import dev.portcullis.model.ToolCall;
import dev.portcullis.model.Usage;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;

/**
 * Writes a canonical answer as an Anthropic message: {@code content} holds the thinking, then the text, then one
 * {@code tool_use} block per call, in that order. Only the first choice is written (Anthropic has no {@code n}).
 * A call whose arguments are not a JSON object gets {@code "input": {}}: Anthropic's clients require an object, and
 * the model's malformed text cannot be given back in that shape.
 */
final class AnthropicMessageEncoder {

  private static final String ID_PREFIX = "msg_";

  private AnthropicMessageEncoder() {}

  static Buffer encode(ChatResponse response) {
    Choice choice = response.choices().isEmpty() ? null : response.choices().getFirst();
    return AnthropicJson.write(512, generator -> writeMessage(generator, messageId(response.id()), response.model(),
        choice == null ? null : choice.message(),
        choice == null ? null : AnthropicStopReasons.of(choice.finishReason()),
        response.usage()));
  }

  /** Anthropic's message id for a completion id: {@code msg_} in front unless it is there already. */
  static String messageId(String id) {
    return id.startsWith(ID_PREFIX) ? id : ID_PREFIX + id;
  }

  /**
   * Writes one message object; with a null {@code message} its content is empty, as in a stream's
   * {@code message_start}.
   */
  static void writeMessage(JsonGenerator generator, String id, String model, Message message, String stopReason,
      Usage usage) throws IOException {
    generator.writeStartObject();
    generator.writeStringField("id", id);
    generator.writeStringField("type", "message");
    generator.writeStringField("role", "assistant");
    generator.writeStringField("model", model);
    generator.writeArrayFieldStart("content");
    if (message != null) {
      writeContent(generator, message);
    }
    generator.writeEndArray();
    generator.writeStringField("stop_reason", stopReason);
    generator.writeNullField("stop_sequence");
    generator.writeNullField("stop_details");
    AnthropicUsageWriter.writeMessageUsage(generator, usage);
    generator.writeEndObject();
  }

  private static void writeContent(JsonGenerator generator, Message message) throws IOException {
    if (message.reasoningContent() != null && !message.reasoningContent().isEmpty()) {
      generator.writeStartObject();
      generator.writeStringField("type", "thinking");
      generator.writeStringField("thinking", message.reasoningContent());
      generator.writeStringField("signature", "");
      generator.writeEndObject();
    }
    String text = message.text() != null ? message.text() : message.refusal();
    if (text != null && !text.isEmpty()) {
      generator.writeStartObject();
      generator.writeStringField("type", "text");
      generator.writeStringField("text", text);
      generator.writeEndObject();
    }
    for (ToolCall call : message.toolCalls()) {
      generator.writeStartObject();
      generator.writeStringField("type", "tool_use");
      generator.writeStringField("id", call.id());
      generator.writeStringField("name", call.name());
      generator.writeFieldName("input");
      JsonNode input = AnthropicJson.objectOrNull(call.arguments());
      if (input == null) {
        generator.writeStartObject();
        generator.writeEndObject();
      } else {
        generator.writeTree(input);
      }
      generator.writeEndObject();
    }
  }
}
