package dev.portcullis.provider.anthropic;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.error.GatewayException;
import dev.portcullis.model.ContentPart;
import dev.portcullis.model.DataUrl;
import dev.portcullis.model.Message;
import dev.portcullis.model.Role;
import dev.portcullis.model.ToolCall;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Writes an OpenAI conversation the way the Messages API takes it:
 * <ul>
 *   <li>system and developer messages, wherever they are, become the top-level {@code system}: a string when there
 *       is one plain text, else text blocks;</li>
 *   <li>the rest become alternating {@code user} / {@code assistant} turns: consecutive messages of one side are
 *       merged into one turn, and tool messages are {@code tool_result} blocks of a user turn;</li>
 *   <li>images become {@code image} blocks (base64 or URL source), files {@code document} blocks, assistant tool
 *       calls {@code tool_use} blocks with their arguments parsed into {@code input};</li>
 *   <li>a message's {@code cache_control} goes on its last block; an assistant message's {@code thinking_blocks}
 *       (as answers carry them) go back first, signatures intact.</li>
 * </ul>
 * A message that cannot be said this way is a 400 naming it by its index.
 */
final class AnthropicMessageWriter {

  /** Message field carrying Anthropic's prompt-caching marker, put on the message's last block. */
  static final String CACHE_CONTROL = "cache_control";
  /** Assistant message field carrying Anthropic thinking blocks, as {@link AnthropicResponseReader} writes them. */
  static final String THINKING_BLOCKS = "thinking_blocks";

  private final JsonGenerator out;
  private final List<Message> messages;
  private final String providerId;

  AnthropicMessageWriter(JsonGenerator out, List<Message> messages, String providerId) {
    this.out = out;
    this.messages = messages;
    this.providerId = providerId;
  }

  /**
   * Writes {@code system} from every system and developer message, then {@code instruction} as a last block.
   *
   * @param instruction extra system text, or null
   */
  void writeSystem(String instruction) throws IOException {
    Message only = null;
    int count = 0;
    for (Message message : messages) {
      if (isSystem(message)) {
        only = message;
        count++;
      }
    }
    if (count == 0 && instruction == null) {
      return;
    }
    if (count == 1 && instruction == null && only.contentForm() == Message.ContentForm.STRING
        && !only.extra().containsKey(CACHE_CONTROL)) {
      out.writeStringField("system", only.text());
      return;
    }
    out.writeArrayFieldStart("system");
    for (int i = 0; i < messages.size(); i++) {
      Message message = messages.get(i);
      if (isSystem(message)) {
        Blocks blocks = new Blocks(message);
        for (int j = 0; j < message.content().size(); j++) {
          if (!(message.content().get(j) instanceof ContentPart.Text text)) {
            throw unsupported(i, j, message.content().get(j), "a system message (expected: text)");
          }
          if (!text.text().isEmpty()) {
            writeText(text.text(), blocks);
          }
        }
      }
    }
    if (instruction != null) {
      out.writeStartObject();
      out.writeStringField("type", "text");
      out.writeStringField("text", instruction);
      out.writeEndObject();
    }
    out.writeEndArray();
  }

  /** Writes {@code messages}: the turns, same-side messages merged. */
  void writeTurns() throws IOException {
    out.writeArrayFieldStart("messages");
    int i = 0;
    while (i < messages.size()) {
      Message first = messages.get(i);
      if (isSystem(first)) {
        i++;
        continue;
      }
      boolean user = first.role() != Role.ASSISTANT;
      int end = i + 1;
      int size = 1;
      while (end < messages.size()
          && (isSystem(messages.get(end)) || (messages.get(end).role() != Role.ASSISTANT) == user)) {
        size += isSystem(messages.get(end)) ? 0 : 1;
        end++;
      }
      out.writeStartObject();
      out.writeStringField("role", user ? "user" : "assistant");
      if (size == 1 && isPlainText(first)) {
        out.writeStringField("content", first.text());
      } else {
        out.writeArrayFieldStart("content");
        for (int k = i; k < end; k++) {
          if (!isSystem(messages.get(k))) {
            writeBlocks(k, messages.get(k));
          }
        }
        out.writeEndArray();
      }
      out.writeEndObject();
      i = end;
    }
    out.writeEndArray();
  }

  private static boolean isSystem(Message message) {
    return message.role() == Role.SYSTEM || message.role() == Role.DEVELOPER;
  }

  /** A message that can stay a plain string: no calls, results, cache marker or thinking to carry. */
  private static boolean isPlainText(Message message) {
    return message.role() != Role.TOOL && message.contentForm() == Message.ContentForm.STRING
        && message.toolCalls().isEmpty() && !message.extra().containsKey(CACHE_CONTROL)
        && !message.extra().containsKey(THINKING_BLOCKS);
  }

  private void writeBlocks(int i, Message message) throws IOException {
    Blocks blocks = new Blocks(message);
    switch (message.role()) {
      case TOOL -> writeToolResult(i, message, blocks);
      case ASSISTANT -> {
        JsonNode thinking = message.extra().get(THINKING_BLOCKS);
        if (thinking != null) {
          writeThinking(i, thinking, blocks);
        }
        for (int j = 0; j < message.content().size(); j++) {
          if (!(message.content().get(j) instanceof ContentPart.Text text)) {
            throw unsupported(i, j, message.content().get(j), "an assistant message (expected: text)");
          }
          if (!text.text().isEmpty()) {
            writeText(text.text(), blocks);
          }
        }
        for (int j = 0; j < message.toolCalls().size(); j++) {
          writeToolUse(i, j, message.toolCalls().get(j), blocks);
        }
      }
      default -> {
        for (int j = 0; j < message.content().size(); j++) {
          writeUserPart(i, j, message.content().get(j), blocks);
        }
      }
    }
  }

  /** Thinking blocks as an earlier answer gave them, written back unchanged (Anthropic checks their signatures). */
  private void writeThinking(int i, JsonNode thinking, Blocks blocks) throws IOException {
    String param = "messages[" + i + "]." + THINKING_BLOCKS;
    if (!thinking.isArray()) {
      throw GatewayException.badRequest(param + ": " + thinking.getNodeType().name().toLowerCase(Locale.ROOT)
          + " (expected: an array of Anthropic thinking blocks, as an earlier answer returned them)", param);
    }
    for (int k = 0; k < thinking.size(); k++) {
      if (!thinking.get(k).isObject()) {
        throw GatewayException.badRequest(param + "[" + k + "]: not an object (expected: an Anthropic thinking block"
            + " such as {\"type\":\"thinking\",\"thinking\":...,\"signature\":...})", param + "[" + k + "]");
      }
      out.writeTree(thinking.get(k));
      blocks.written++;
    }
  }

  private void writeUserPart(int i, int j, ContentPart part, Blocks blocks) throws IOException {
    switch (part) {
      case ContentPart.Text text -> {
        if (!text.text().isEmpty()) {
          writeText(text.text(), blocks);
        }
      }
      case ContentPart.Image image -> writeImage(i, j, image, blocks);
      case ContentPart.File file -> writeDocument(i, j, file, blocks);
      case ContentPart.Audio audio -> throw unsupported(i, j, audio, "Claude (expected: text, images or files)");
    }
  }

  private void writeText(String text, Blocks blocks) throws IOException {
    out.writeStartObject();
    out.writeStringField("type", "text");
    out.writeStringField("text", text);
    blocks.end();
  }

  private void writeImage(int i, int j, ContentPart.Image image, Blocks blocks) throws IOException {
    Optional<DataUrl> inline = image.inline();
    boolean remote = image.url().regionMatches(true, 0, "https://", 0, 8)
        || image.url().regionMatches(true, 0, "http://", 0, 7);
    if (inline.isEmpty() && !remote) {
      throw GatewayException.badRequest("messages[" + i + "].content[" + j + "].image_url.url: '"
          + abbreviated(image.url()) + "' (expected: an http(s) URL or a base64 data URL)",
          "messages[" + i + "].content[" + j + "].image_url.url");
    }
    startMediaBlock("image", inline, "url", "url", image.url());
    blocks.end();
  }

  /** A file as a {@code document} block: inline data as a base64 source, an uploaded file by its Files API id. */
  private void writeDocument(int i, int j, ContentPart.File file, Blocks blocks) throws IOException {
    Optional<DataUrl> inline = file.inline();
    if (inline.isEmpty() && file.fileId() == null) {
      String param = "messages[" + i + "].content[" + j + "].file.file_data";
      throw GatewayException.badRequest(
          param + ": '" + abbreviated(file.fileData()) + "' (expected: a base64 data URL)", param);
    }
    startMediaBlock("document", inline, "file", "file_id", file.fileId());
    if (file.filename() != null) {
      out.writeStringField("title", file.filename());
    }
    blocks.end();
  }

  /**
   * Opens a block of {@code type} with its {@code source}: the inline data as base64, else a reference
   * {@code {"type": sourceType, field: reference}}.
   */
  private void startMediaBlock(String type, Optional<DataUrl> inline, String sourceType, String field,
      String reference) throws IOException {
    out.writeStartObject();
    out.writeStringField("type", type);
    out.writeObjectFieldStart("source");
    if (inline.isPresent()) {
      out.writeStringField("type", "base64");
      out.writeStringField("media_type", inline.get().mediaType());
      out.writeStringField("data", inline.get().base64());
    } else {
      out.writeStringField("type", sourceType);
      out.writeStringField(field, reference);
    }
    out.writeEndObject();
  }

  private void writeToolUse(int i, int j, ToolCall call, Blocks blocks) throws IOException {
    out.writeStartObject();
    out.writeStringField("type", "tool_use");
    out.writeStringField("id", call.id());
    out.writeStringField("name", call.name());
    out.writeFieldName("input");
    writeArguments(i, j, call.arguments());
    blocks.end();
  }

  /** The arguments JSON copied token by token, which also checks it is one object; blank means no arguments. */
  private void writeArguments(int i, int j, String arguments) throws IOException {
    if (arguments.isBlank()) {
      out.writeStartObject();
      out.writeEndObject();
      return;
    }
    String param = "messages[" + i + "].tool_calls[" + j + "].function.arguments";
    try (JsonParser parser = AnthropicJson.FACTORY.createParser(arguments)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw GatewayException.badRequest(param + ": '" + abbreviated(arguments)
            + "' (expected: a JSON object, which Anthropic takes as the tool call's input)", param);
      }
      out.copyCurrentStructure(parser);
      if (parser.nextToken() != null) {
        throw GatewayException.badRequest(param + ": more content after the JSON object (expected: one JSON object)",
            param);
      }
    } catch (JsonProcessingException e) {
      throw GatewayException.badRequest(param + ": not valid JSON (" + e.getOriginalMessage()
          + "; expected: a JSON object, which Anthropic takes as the tool call's input)", param);
    }
  }

  private void writeToolResult(int i, Message message, Blocks blocks) throws IOException {
    out.writeStartObject();
    out.writeStringField("type", "tool_result");
    out.writeStringField("tool_use_id", message.toolCallId());
    if (message.contentForm() == Message.ContentForm.STRING) {
      out.writeStringField("content", message.text());
    } else {
      out.writeArrayFieldStart("content");
      Blocks inner = new Blocks(null);
      for (int j = 0; j < message.content().size(); j++) {
        ContentPart part = message.content().get(j);
        switch (part) {
          case ContentPart.Text text -> {
            if (!text.text().isEmpty()) {
              writeText(text.text(), inner);
            }
          }
          case ContentPart.Image image -> writeImage(i, j, image, inner);
          default -> throw unsupported(i, j, part, "a tool result (expected: text or images)");
        }
      }
      out.writeEndArray();
    }
    blocks.end();
  }

  private GatewayException.BadRequest unsupported(int i, int j, ContentPart part, String where) {
    String kind = switch (part) {
      case ContentPart.Text text -> "text";
      case ContentPart.Image image -> "image_url";
      case ContentPart.Audio audio -> "input_audio";
      case ContentPart.File file -> "file";
    };
    return GatewayException.badRequest("messages[" + i + "].content[" + j + "]: " + kind + " content is not supported"
        + " by provider '" + providerId + "' in " + where, "messages[" + i + "].content[" + j + "]");
  }

  private static String abbreviated(String text) {
    return text.length() <= 60 ? text : text.substring(0, 60) + "...";
  }

  /**
   * Ends the blocks of one message, putting the message's {@code cache_control} on its last block. Knows which
   * block is last by counting them up front.
   */
  private final class Blocks {
    private final JsonNode cacheControl;
    private final int total;
    private int written;

    Blocks(Message message) {
      this.cacheControl = message == null ? null : message.extra().get(CACHE_CONTROL);
      this.total = cacheControl == null ? 0 : count(message);
    }

    void end() throws IOException {
      if (cacheControl != null && ++written == total) {
        out.writeFieldName(CACHE_CONTROL);
        out.writeTree(cacheControl);
      }
      out.writeEndObject();
    }

    private static int count(Message message) {
      if (message.role() == Role.TOOL) {
        return 1;
      }
      int count = message.toolCalls().size();
      JsonNode thinking = message.extra().get(THINKING_BLOCKS);
      count += thinking == null || message.role() != Role.ASSISTANT ? 0 : thinking.size();
      for (ContentPart part : message.content()) {
        count += part instanceof ContentPart.Text text && text.text().isEmpty() ? 0 : 1;
      }
      return count;
    }
  }
}
