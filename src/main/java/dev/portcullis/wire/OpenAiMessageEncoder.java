package dev.portcullis.wire;

import dev.portcullis.model.ContentPart;
import dev.portcullis.model.Message;
import dev.portcullis.model.ToolCall;
import java.io.IOException;

/** Encodes one chat message the way OpenAI writes it in a request's history or in a response's choice. */
final class OpenAiMessageEncoder {

  private OpenAiMessageEncoder() {}

  /** As a request message: content as it was given (string or parts); refusal only when there is one. */
  static void writeRequestMessage(FieldWriter writer, Message message) throws IOException {
    writer.startObject();
    writer.string("role", OpenAiRoles.name(message.role()));
    if (message.content().isEmpty()) {
      writer.nullable("content", null);
    } else if (message.contentForm() == Message.ContentForm.STRING) {
      writer.string("content", message.text());
    } else {
      writer.startArray("content");
      for (ContentPart part : message.content()) {
        writePart(writer, part);
      }
      writer.endArray();
    }
    writer.string("refusal", message.refusal());
    writeRest(writer, message);
  }

  /**
   * As a response message: content is always a string (text parts joined) or null, and refusal is always
   * present, as OpenAI sends them and its SDKs expect.
   */
  static void writeResponseMessage(FieldWriter writer, Message message) throws IOException {
    writer.startObject();
    writer.string("role", OpenAiRoles.name(message.role()));
    writer.nullable("content", message.text());
    writer.nullable("refusal", message.refusal());
    writeRest(writer, message);
  }

  private static void writeRest(FieldWriter writer, Message message) throws IOException {
    writer.string("name", message.name());
    writer.string("reasoning_content", message.reasoningContent());
    if (!message.toolCalls().isEmpty()) {
      writer.startArray("tool_calls");
      for (ToolCall call : message.toolCalls()) {
        writer.startObject();
        writer.string("id", call.id());
        writer.string("type", "function");
        writer.startObject("function");
        writer.string("name", call.name());
        writer.string("arguments", call.arguments());
        writer.endObject();
        writer.endObject();
      }
      writer.endArray();
    }
    writer.string("tool_call_id", message.toolCallId());
    writer.fields(message.extra());
    writer.endObject();
  }

  private static void writePart(FieldWriter writer, ContentPart part) throws IOException {
    writer.startObject();
    switch (part) {
      case ContentPart.Text text -> {
        writer.string("type", "text");
        writer.string("text", text.text());
      }
      case ContentPart.Image image -> {
        writer.string("type", "image_url");
        writer.startObject("image_url");
        writer.string("url", image.url());
        writer.string("detail", image.detail());
        writer.endObject();
      }
      case ContentPart.Audio audio -> {
        writer.string("type", "input_audio");
        writer.startObject("input_audio");
        writer.string("data", audio.data());
        writer.string("format", audio.format());
        writer.endObject();
      }
      case ContentPart.File file -> {
        writer.string("type", "file");
        writer.startObject("file");
        writer.string("file_id", file.fileId());
        writer.string("file_data", file.fileData());
        writer.string("filename", file.filename());
        writer.endObject();
      }
    }
    writer.endObject();
  }
}
