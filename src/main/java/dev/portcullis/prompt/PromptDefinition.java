package dev.portcullis.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.error.GatewayException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * What one version of a prompt says, validated once when it is written: the template, where it is sent (a model,
 * through a virtual key or not), the default chat parameters and the schema its variables must meet.
 *
 * @param template the messages or text to render
 * @param model the model the rendered call names, or null when the caller must give one
 * @param virtualKey the virtual key slug the call goes through (the model is then addressed as {@code @slug/model}),
 *     or null
 * @param parameters default chat parameters ({@code temperature}, {@code max_tokens}...); a call's own win
 * @param variablesSchema a JSON Schema the variables must meet, or null
 */
public record PromptDefinition(PromptTemplate template, String model, String virtualKey, ObjectNode parameters,
    JsonNode variablesSchema) {

  static final ObjectMapper JSON = new ObjectMapper();
  /** The fields a definition has, as the admin API and prompt files spell them. */
  public static final Set<String> FIELDS = Set.of("template", "model", "virtual_key", "parameters",
      "variables_schema");
  private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool");
  /** Parameters the template or the address decide, never a default. */
  private static final Set<String> RESERVED = Set.of("messages", "prompt", "model", "variables", "promptID");

  public PromptDefinition {
    parameters = parameters == null ? JSON.createObjectNode() : parameters.deepCopy();
    variablesSchema = variablesSchema == null ? null : variablesSchema.deepCopy();
  }

  /**
   * Reads a definition from its JSON fields.
   *
   * @throws GatewayException.BadRequest naming the field that is wrong and what was expected
   */
  public static PromptDefinition parse(JsonNode json) {
    if (json == null || !json.isObject()) {
      throw GatewayException.badRequest("prompt: " + json + " (expected: an object with a template)");
    }
    return new PromptDefinition(template(json.get("template")), text(json, "model"), text(json, "virtual_key"),
        parameters(json.get("parameters")), PromptVariables.schema(json.get("variables_schema")));
  }

  /** This definition with the fields of {@code changes} replacing its own (a field set to null removes it). */
  public PromptDefinition patched(JsonNode changes) {
    ObjectNode merged = toJson();
    changes.properties().forEach(field -> merged.set(field.getKey(), field.getValue()));
    return parse(merged);
  }

  /**
   * The changes (for {@link PromptService#update}) that make any version this definition: every field, those it
   * lacks set to null.
   */
  public ObjectNode asChanges() {
    ObjectNode changes = toJson();
    FIELDS.forEach(field -> {
      if (!changes.has(field)) {
        changes.putNull(field);
      }
    });
    return changes;
  }

  /** The definition as stored and shown: only the fields it has. */
  public ObjectNode toJson() {
    ObjectNode out = JSON.createObjectNode();
    ObjectNode t = out.putObject("template");
    switch (template) {
      case PromptTemplate.Chat chat -> {
        ArrayNode messages = t.putArray("messages");
        chat.messages().forEach(m -> messages.addObject().put("role", m.role()).put("content", m.content()));
      }
      case PromptTemplate.Text text -> t.put("text", text.text());
    }
    if (model != null) {
      out.put("model", model);
    }
    if (virtualKey != null) {
      out.put("virtual_key", virtualKey);
    }
    out.set("parameters", parameters.deepCopy());
    if (variablesSchema != null) {
      out.set("variables_schema", variablesSchema.deepCopy());
    }
    return out;
  }

  private static PromptTemplate template(JsonNode t) {
    if (t == null || !t.isObject() || t.has("messages") == t.has("text")) {
      throw GatewayException.badRequest("template: " + t + " (expected: {\"messages\": [{\"role\", \"content\"}...]}"
          + " or {\"text\": \"...\"})", "template");
    }
    if (t.has("text")) {
      if (!t.get("text").isTextual()) {
        throw GatewayException.badRequest("template.text: " + t.get("text") + " (expected: a string)",
            "template.text");
      }
      PromptRenderer.check(t.get("text").asText(), "template.text");
      return new PromptTemplate.Text(t.get("text").asText());
    }
    JsonNode messages = t.get("messages");
    if (!messages.isArray() || messages.isEmpty()) {
      throw GatewayException.badRequest("template.messages: " + messages + " (expected: a non-empty array of "
          + "{\"role\", \"content\"})", "template.messages");
    }
    List<PromptMessage> out = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      JsonNode m = messages.get(i);
      String at = "template.messages[" + i + "]";
      JsonNode role = m.get("role");
      JsonNode content = m.get("content");
      if (role == null || !role.isTextual() || !ROLES.contains(role.asText())) {
        throw GatewayException.badRequest(at + ".role: " + role + " (expected: one of " + String.join(", ",
            List.of("system", "developer", "user", "assistant", "tool")) + ")", at + ".role");
      }
      if (content == null || !content.isTextual()) {
        throw GatewayException.badRequest(at + ".content: " + content + " (expected: a string, a mustache "
            + "template)", at + ".content");
      }
      PromptRenderer.check(content.asText(), at + ".content");
      out.add(new PromptMessage(role.asText(), content.asText()));
    }
    return new PromptTemplate.Chat(out);
  }

  private static String text(JsonNode json, String field) {
    JsonNode value = json.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual() || value.asText().isBlank()) {
      throw GatewayException.badRequest(field + ": " + value + " (expected: a non-empty string)", field);
    }
    return value.asText();
  }

  private static ObjectNode parameters(JsonNode p) {
    if (p == null || p.isNull()) {
      return null;
    }
    if (!p.isObject()) {
      throw GatewayException.badRequest("parameters: " + p + " (expected: an object of chat parameters such as "
          + "{\"temperature\": 0.2})", "parameters");
    }
    for (Iterator<String> names = p.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (RESERVED.contains(name)) {
        throw GatewayException.badRequest("parameters." + name + ": not a default parameter (expected: the "
            + "template and model fields say what " + name + " is)", "parameters." + name);
      }
    }
    return (ObjectNode) p;
  }
}
