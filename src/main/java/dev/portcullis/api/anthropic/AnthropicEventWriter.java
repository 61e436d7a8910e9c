package dev.portcullis.api.anthropic;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.portcullis.error.GatewayException;
import dev.portcullis.model.Usage;
import java.io.IOException;

/**
 * Writes the events of an Anthropic message stream, each as {@code event: <type>\ndata: <json>\n\n}, through one
 * generator so a chunk's events land in one buffer.
 */
final class AnthropicEventWriter {

  private final JsonGenerator generator;

  AnthropicEventWriter(JsonGenerator generator) {
    this.generator = generator;
  }

  /** {@code message_start}: the message with empty content and the usage known so far. */
  void messageStart(String id, String model, Usage usage) throws IOException {
    begin("message_start");
    generator.writeFieldName("message");
    AnthropicMessageEncoder.writeMessage(generator, id, model, null, null, usage);
    end();
  }

  void textBlockStart(int index) throws IOException {
    blockStart(index, "text");
    generator.writeStringField("text", "");
    blockStartEnd();
  }

  /** A thinking block; its signature stays empty, as no other provider signs its reasoning. */
  void thinkingBlockStart(int index) throws IOException {
    blockStart(index, "thinking");
    generator.writeStringField("thinking", "");
    generator.writeStringField("signature", "");
    blockStartEnd();
  }

  void toolUseBlockStart(int index, String id, String name) throws IOException {
    blockStart(index, "tool_use");
    generator.writeStringField("id", id);
    generator.writeStringField("name", name);
    generator.writeObjectFieldStart("input");
    generator.writeEndObject();
    blockStartEnd();
  }

  void textDelta(int index, String text) throws IOException {
    delta(index, "text_delta", "text", text);
  }

  void thinkingDelta(int index, String thinking) throws IOException {
    delta(index, "thinking_delta", "thinking", thinking);
  }

  void inputJsonDelta(int index, String partialJson) throws IOException {
    delta(index, "input_json_delta", "partial_json", partialJson);
  }

  void blockStop(int index) throws IOException {
    begin("content_block_stop");
    generator.writeNumberField("index", index);
    end();
  }

  void messageDelta(String stopReason, Usage usage) throws IOException {
    begin("message_delta");
    generator.writeObjectFieldStart("delta");
    generator.writeStringField("stop_reason", stopReason);
    generator.writeNullField("stop_sequence");
    generator.writeNullField("stop_details");
    generator.writeEndObject();
    AnthropicUsageWriter.writeDeltaUsage(generator, usage);
    end();
  }

  void messageStop() throws IOException {
    begin("message_stop");
    end();
  }

  void error(GatewayException error) throws IOException {
    generator.writeRaw("event: error\ndata: ");
    AnthropicErrorEncoder.write(generator, error);
    generator.writeRaw("\n\n");
  }

  private void blockStart(int index, String type) throws IOException {
    begin("content_block_start");
    generator.writeNumberField("index", index);
    generator.writeObjectFieldStart("content_block");
    generator.writeStringField("type", type);
  }

  private void blockStartEnd() throws IOException {
    generator.writeEndObject();
    end();
  }

  private void delta(int index, String type, String field, String value) throws IOException {
    begin("content_block_delta");
    generator.writeNumberField("index", index);
    generator.writeObjectFieldStart("delta");
    generator.writeStringField("type", type);
    generator.writeStringField(field, value);
    generator.writeEndObject();
    end();
  }

  /** The event line, then the data object opened with its {@code type}, which Anthropic repeats there. */
  private void begin(String type) throws IOException {
    generator.writeRaw("event: ");
    generator.writeRaw(type);
    generator.writeRaw("\ndata: ");
    generator.writeStartObject();
    generator.writeStringField("type", type);
  }

  private void end() throws IOException {
    generator.writeEndObject();
    generator.writeRaw("\n\n");
  }
}
