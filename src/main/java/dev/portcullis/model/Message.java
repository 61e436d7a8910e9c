package dev.portcullis.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One turn of the conversation.
 *
 * @param role who wrote it
 * @param content its parts in order; empty when the message has no content (e.g. an assistant turn that only
 *     calls tools)
 * @param contentForm whether the content was a plain string or a list of parts, so it is re-encoded the same way
 * @param name the participant's name, or null
 * @param toolCalls the calls an assistant turn makes; empty otherwise
 * @param toolCallId for a tool turn, the call it answers; null otherwise
 * @param reasoningContent the model's visible thinking, for providers that return it; null otherwise
 * @param refusal the assistant's refusal text, or null
 * @param extra fields of the message the model does not know, kept as received and in order
 */
public record Message(
    Role role,
    List<ContentPart> content,
    ContentForm contentForm,
    String name,
    List<ToolCall> toolCalls,
    String toolCallId,
    String reasoningContent,
    String refusal,
    Map<String, JsonNode> extra) {

  /** How the content was written on the wire. */
  public enum ContentForm {
    /** A plain string: exactly one {@link ContentPart.Text}. */
    STRING,
    /** A list of parts (possibly empty, meaning no content). */
    PARTS
  }

  public Message {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(contentForm, "contentForm");
    content = List.copyOf(content);
    toolCalls = List.copyOf(toolCalls);
    extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    if (contentForm == ContentForm.STRING && !(content.size() == 1 && content.getFirst() instanceof ContentPart.Text)) {
      throw new IllegalArgumentException("STRING content is exactly one Text part, got " + content);
    }
  }

  /** A message whose content is the plain string {@code text}. */
  public static Message of(Role role, String text) {
    return new Message(role, List.of(new ContentPart.Text(text)), ContentForm.STRING, null, List.of(), null, null, null, Map.of());
  }

  /** A message whose content is a list of parts. */
  public static Message of(Role role, List<ContentPart> parts) {
    return new Message(role, parts, ContentForm.PARTS, null, List.of(), null, null, null, Map.of());
  }

  /** The text parts joined together, or null when there are none. */
  public String text() {
    StringBuilder text = null;
    for (ContentPart part : content) {
      if (part instanceof ContentPart.Text(String value)) {
        text = text == null ? new StringBuilder(value) : text.append(value);
      }
    }
    return text == null ? null : text.toString();
  }
}
