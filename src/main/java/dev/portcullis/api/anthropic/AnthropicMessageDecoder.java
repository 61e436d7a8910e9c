package dev.portcullis.api.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.wire.FieldReader;
import dev.portcullis.model.ContentPart;
import dev.portcullis.model.DataUrl;
import dev.portcullis.model.Message;
import dev.portcullis.model.Message.ContentForm;
import dev.portcullis.model.Role;
import dev.portcullis.model.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decodes one Anthropic message into canonical messages. A {@code system} message (Anthropic's mid-conversation
 * instructions) stays a system message. A user turn's {@code tool_result} blocks become one tool
 * message each, ahead of a user message with the turn's other blocks (and any images the results held, which tool
 * messages cannot carry). An assistant turn becomes one message: its text, its {@code tool_use} blocks as tool calls
 * (input written as JSON text), its {@code thinking} as reasoning content; signatures and
 * {@code redacted_thinking} are dropped, as no other provider can check them. {@code cache_control} and citations
 * on blocks are not kept.
 */
final class AnthropicMessageDecoder {

  private static final List<String> ROLES = List.of("user", "assistant", "system");
  private static final List<String> SYSTEM_BLOCKS = List.of("text");
  private static final List<String> USER_BLOCKS = List.of("text", "image", "document", "tool_result");
  private static final List<String> ASSISTANT_BLOCKS = List.of("text", "tool_use", "thinking", "redacted_thinking");
  private static final List<String> TOOL_RESULT_BLOCKS = List.of("text", "image");
  private static final List<String> IMAGE_SOURCES = List.of("base64", "url");
  private static final List<String> DOCUMENT_SOURCES = List.of("base64", "text");
  private static final String CONTENT_EXPECTED = "a string or a non-empty array of content blocks";
  /** Between text blocks joined into one text (system prompts, tool results). */
  private static final String BLOCK_SEPARATOR = "\n\n";
  /** Put before a tool result's text when {@code is_error} is set: tool messages have no error flag. */
  private static final String TOOL_ERROR_PREFIX = "Error: ";
  /** A PDF needs a file name on OpenAI's wire; used when the document block has no title. */
  private static final String DEFAULT_DOCUMENT_NAME = "document.pdf";

  private AnthropicMessageDecoder() {}

  /** Appends the canonical messages for {@code message} to {@code into}. */
  static void decode(FieldReader message, List<Message> into) {
    Role role = switch (message.requiredOneOf("role", ROLES)) {
      case "user" -> Role.USER;
      case "assistant" -> Role.ASSISTANT;
      default -> Role.SYSTEM;
    };
    JsonNode content = message.value("content");
    if (content == null) {
      throw message.missing("content", CONTENT_EXPECTED);
    }
    if (content.isTextual()) {
      into.add(Message.of(role, content.textValue()));
      return;
    }
    if (!content.isArray() || content.isEmpty()) {
      throw message.invalid("content", content, CONTENT_EXPECTED);
    }
    switch (role) {
      case USER -> user(message.objects("content"), into);
      case ASSISTANT -> assistant(message.objects("content"), into);
      default -> into.add(Message.of(Role.SYSTEM, joinedText(message.objects("content"))));
    }
  }

  /** The text of text-only blocks (a system prompt's), joined with {@link #BLOCK_SEPARATOR}. */
  static String joinedText(List<FieldReader> blocks) {
    StringBuilder text = new StringBuilder();
    for (FieldReader block : blocks) {
      block.requiredOneOf("type", SYSTEM_BLOCKS);
      if (!text.isEmpty()) {
        text.append(BLOCK_SEPARATOR);
      }
      text.append(block.requiredString("text"));
    }
    return text.toString();
  }

  private static void user(List<FieldReader> blocks, List<Message> into) {
    List<ContentPart> parts = new ArrayList<>(blocks.size());
    for (FieldReader block : blocks) {
      switch (block.requiredOneOf("type", USER_BLOCKS)) {
        case "text" -> parts.add(new ContentPart.Text(block.requiredString("text")));
        case "image" -> parts.add(image(block));
        case "document" -> parts.add(document(block));
        default -> into.add(toolResult(block, parts));
      }
    }
    if (!parts.isEmpty()) {
      into.add(Message.of(Role.USER, parts));
    }
  }

  /** The tool message for a {@code tool_result}; images in it go to {@code userParts}. */
  private static Message toolResult(FieldReader block, List<ContentPart> userParts) {
    String callId = block.requiredString("tool_use_id");
    JsonNode content = block.value("content");
    StringBuilder text = new StringBuilder();
    if (content != null && content.isTextual()) {
      text.append(content.textValue());
    } else if (content != null && content.isArray()) {
      for (FieldReader part : block.objects("content")) {
        if ("text".equals(part.requiredOneOf("type", TOOL_RESULT_BLOCKS))) {
          if (!text.isEmpty()) {
            text.append(BLOCK_SEPARATOR);
          }
          text.append(part.requiredString("text"));
        } else {
          userParts.add(image(part));
        }
      }
    } else if (content != null) {
      throw block.invalid("content", content, "a string or an array of text and image blocks");
    }
    if (Boolean.TRUE.equals(block.bool("is_error"))) {
      text.insert(0, TOOL_ERROR_PREFIX);
    }
    return new Message(Role.TOOL, List.of(new ContentPart.Text(text.toString())), ContentForm.STRING, null,
        List.of(), callId, null, null, Map.of());
  }

  private static void assistant(List<FieldReader> blocks, List<Message> into) {
    StringBuilder text = null;
    StringBuilder thinking = null;
    List<ToolCall> calls = new ArrayList<>(0);
    for (FieldReader block : blocks) {
      switch (block.requiredOneOf("type", ASSISTANT_BLOCKS)) {
        case "text" -> text = (text == null ? new StringBuilder() : text).append(block.requiredString("text"));
        case "tool_use" -> calls.add(toolCall(block));
        case "thinking" ->
            thinking = (thinking == null ? new StringBuilder() : thinking).append(block.requiredString("thinking"));
        default -> { }
      }
    }
    if (text == null && thinking == null && calls.isEmpty()) {
      return;
    }
    into.add(new Message(
        Role.ASSISTANT,
        text == null ? List.of() : List.of(new ContentPart.Text(text.toString())),
        text == null ? ContentForm.PARTS : ContentForm.STRING,
        null,
        calls,
        null,
        thinking == null ? null : thinking.toString(),
        null,
        Map.of()));
  }

  private static ToolCall toolCall(FieldReader block) {
    ObjectNode input = block.objectNode("input");
    if (input == null) {
      throw block.missing("input", "an object");
    }
    return new ToolCall(block.requiredString("id"), block.requiredString("name"), input.toString());
  }

  private static ContentPart image(FieldReader block) {
    FieldReader source = block.requiredObject("source");
    if ("url".equals(source.requiredOneOf("type", IMAGE_SOURCES))) {
      return new ContentPart.Image(source.requiredString("url"), null);
    }
    return new ContentPart.Image(inline(source), null);
  }

  /** A base64 PDF as a file part; a plain-text document as its text (its title is not kept). */
  private static ContentPart document(FieldReader block) {
    FieldReader source = block.requiredObject("source");
    if ("text".equals(source.requiredOneOf("type", DOCUMENT_SOURCES))) {
      return new ContentPart.Text(source.requiredString("data"));
    }
    String title = block.string("title");
    return new ContentPart.File(null, inline(source), title != null ? title : DEFAULT_DOCUMENT_NAME);
  }

  private static String inline(FieldReader source) {
    return new DataUrl(source.requiredString("media_type"), source.requiredString("data")).toUrl();
  }
}
