package dev.portcullis.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The texts of a request body (OpenAI or Anthropic format), each a place in the JSON tree that a redaction
 * rewrites: {@code system}; every message's text content (a string, or its text parts); a tool call's
 * {@code function.arguments}; every string inside an Anthropic {@code tool_use} input and {@code tool_result};
 * {@code prompt} and {@code input} of the completion and embedding endpoints. The last message's texts are
 * marked, as Portkey's checks read only those.
 */
public final class RequestTexts implements GuardTexts {

  /** One string in the tree: a field of an object or an element of an array. */
  private record Slot(JsonNode parent, String field, int index, boolean inLast) {
    String read() {
      return field != null ? parent.get(field).asText() : parent.get(index).asText();
    }

    void write(String text) {
      if (field != null) {
        ((ObjectNode) parent).set(field, TextNode.valueOf(text));
      } else {
        ((ArrayNode) parent).set(index, TextNode.valueOf(text));
      }
    }
  }

  private final ObjectNode body;
  private final List<Slot> slots = new ArrayList<>();
  private boolean changed;
  private GuardSubject subject;

  private RequestTexts(ObjectNode body) {
    this.body = body;
  }

  /** The texts of {@code body}, a request's JSON object. */
  public static RequestTexts of(ObjectNode body) {
    RequestTexts t = new RequestTexts(body);
    t.content(body, "system", false);
    JsonNode messages = body.get("messages");
    if (messages != null && messages.isArray()) {
      for (int i = 0; i < messages.size(); i++) {
        if (messages.get(i) instanceof ObjectNode message) {
          t.message(message, i == messages.size() - 1);
        }
      }
    }
    t.content(body, "prompt", true);
    t.content(body, "input", true);
    return t;
  }

  private void message(ObjectNode message, boolean last) {
    content(message, "content", last);
    JsonNode calls = message.get("tool_calls");
    if (calls != null && calls.isArray()) {
      for (JsonNode call : calls) {
        JsonNode function = call.get("function");
        if (function instanceof ObjectNode f && f.path("arguments").isTextual()) {
          slots.add(new Slot(f, "arguments", -1, last));
        }
      }
    }
  }

  /** A string, a list of strings, or a list of content blocks. */
  private void content(ObjectNode parent, String field, boolean last) {
    JsonNode value = parent.get(field);
    if (value == null) {
      return;
    }
    if (value.isTextual()) {
      slots.add(new Slot(parent, field, -1, last));
    } else if (value instanceof ArrayNode parts) {
      for (int i = 0; i < parts.size(); i++) {
        JsonNode part = parts.get(i);
        if (part.isTextual()) {
          slots.add(new Slot(parts, null, i, last));
        } else if (part instanceof ObjectNode block) {
          block(block, last);
        }
      }
    }
  }

  private void block(ObjectNode block, boolean last) {
    String type = block.path("type").asText("");
    switch (type) {
      case "text", "input_text" -> {
        if (block.path("text").isTextual()) {
          slots.add(new Slot(block, "text", -1, last));
        }
      }
      case "tool_use" -> strings(block.get("input"), last);
      case "tool_result" -> content(block, "content", last);
      default -> { }
    }
  }

  /** Every string inside a JSON value (a tool's input object). */
  private void strings(JsonNode node, boolean last) {
    if (node instanceof ObjectNode o) {
      for (var field : o.properties()) {
        if (field.getValue().isTextual()) {
          slots.add(new Slot(o, field.getKey(), -1, last));
        } else {
          strings(field.getValue(), last);
        }
      }
    } else if (node instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        if (a.get(i).isTextual()) {
          slots.add(new Slot(a, null, i, last));
        } else {
          strings(a.get(i), last);
        }
      }
    }
  }

  @Override
  public int size() {
    return slots.size();
  }

  @Override
  public String text(int i) {
    return slots.get(i).read();
  }

  @Override
  public void set(int i, String text) {
    slots.get(i).write(text);
    changed = true;
    subject = null;
  }

  /** What the checks read, built once and again only after a redaction. */
  @Override
  public GuardSubject subject(String model, Map<String, String> metadata) {
    if (subject == null) {
      subject = GuardTexts.super.subject(model, metadata);
    }
    return subject;
  }

  @Override
  public boolean inLast(int i) {
    return slots.get(i).inLast();
  }

  /** Whether a redaction rewrote the body. */
  public boolean changed() {
    return changed;
  }

  /** The body as it is now. */
  public ObjectNode body() {
    return body;
  }

  @Override
  public String toString() {
    return "RequestTexts[" + slots.size() + " texts" + (changed ? ", changed" : "") + "]";
  }
}
