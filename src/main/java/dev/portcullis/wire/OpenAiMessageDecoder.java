package dev.portcullis.wire;

import dev.portcullis.model.ContentPart;
import dev.portcullis.model.Message;
import dev.portcullis.model.Message.ContentForm;
import dev.portcullis.model.Role;
import dev.portcullis.model.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Decodes one OpenAI chat message, in a request's history or a response's choice. */
final class OpenAiMessageDecoder {

  private static final Set<String> KNOWN_FIELDS =
      Set.of("role", "content", "name", "tool_calls", "tool_call_id", "reasoning_content", "refusal");
  private static final List<String> PART_TYPES = List.of("text", "image_url", "input_audio", "file");
  private static final String CONTENT_EXPECTED = "a string or an array of content parts";

  private OpenAiMessageDecoder() {}

  static Message decode(FieldReader message) {
    Role role = OpenAiRoles.role(message.requiredOneOf("role", OpenAiRoles.NAMES));
    var content = message.value("content");
    List<ContentPart> parts;
    ContentForm form;
    if (content == null) {
      if (role != Role.ASSISTANT) {
        throw message.missing("content", CONTENT_EXPECTED);
      }
      parts = List.of();
      form = ContentForm.PARTS;
    } else if (content.isTextual()) {
      parts = List.of(new ContentPart.Text(content.textValue()));
      form = ContentForm.STRING;
    } else if (content.isArray()) {
      parts = parts(message.objects("content"));
      form = ContentForm.PARTS;
    } else {
      throw message.invalid("content", content, CONTENT_EXPECTED);
    }
    return new Message(
        role,
        parts,
        form,
        message.string("name"),
        toolCalls(message.objects("tool_calls")),
        role == Role.TOOL ? message.requiredString("tool_call_id") : message.string("tool_call_id"),
        message.string("reasoning_content"),
        message.string("refusal"),
        message.unknownFields(KNOWN_FIELDS));
  }

  private static List<ContentPart> parts(List<FieldReader> parts) {
    List<ContentPart> decoded = new ArrayList<>(parts.size());
    for (FieldReader part : parts) {
      decoded.add(switch (part.requiredOneOf("type", PART_TYPES)) {
        case "text" -> new ContentPart.Text(part.requiredString("text"));
        case "image_url" -> {
          FieldReader image = part.requiredObject("image_url");
          yield new ContentPart.Image(image.requiredString("url"), image.string("detail"));
        }
        case "input_audio" -> {
          FieldReader audio = part.requiredObject("input_audio");
          yield new ContentPart.Audio(audio.requiredString("data"), audio.requiredString("format"));
        }
        default -> file(part);
      });
    }
    return decoded;
  }

  private static ContentPart.File file(FieldReader part) {
    FieldReader file = part.requiredObject("file");
    String fileId = file.string("file_id");
    String fileData = file.string("file_data");
    if (fileId == null && fileData == null) {
      throw part.invalid("file", part.value("file"), "an object with a file_id or file_data");
    }
    return new ContentPart.File(fileId, fileData, file.string("filename"));
  }

  private static List<ToolCall> toolCalls(List<FieldReader> calls) {
    List<ToolCall> decoded = new ArrayList<>(calls.size());
    for (FieldReader call : calls) {
      call.oneOf("type", List.of("function"));
      FieldReader function = call.requiredObject("function");
      decoded.add(new ToolCall(
          call.requiredString("id"), function.requiredString("name"), function.requiredString("arguments")));
    }
    return decoded;
  }
}
