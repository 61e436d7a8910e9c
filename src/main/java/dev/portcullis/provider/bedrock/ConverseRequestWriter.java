package dev.portcullis.provider.bedrock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.error.GatewayException;
import dev.portcullis.model.ChatRequest;
import dev.portcullis.model.ContentPart;
import dev.portcullis.model.DataUrl;
import dev.portcullis.model.Message;
import dev.portcullis.model.ResponseFormat;
import dev.portcullis.model.Tool;
import dev.portcullis.model.ToolCall;
import dev.portcullis.model.ToolChoice;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Writes a chat request as a Converse body: system and developer messages become {@code system} text blocks,
 * messages become content blocks ({@code text}, {@code image}, {@code document}, {@code toolUse},
 * {@code toolResult}) with consecutive turns of one role merged and tool answers sent as the user's
 * {@code toolResult} blocks, as Converse requires; sampling goes to {@code inferenceConfig}, tools to
 * {@code toolConfig}, a JSON schema to {@code outputConfig}, metadata to {@code requestMetadata}, and the model
 * extras Converse has no field for ({@code top_k}, {@code thinking}) to {@code additionalModelRequestFields}.
 */
final class ConverseRequestWriter {

  /** OpenAI parameters Converse has no field for. */
  static final Set<String> UNSUPPORTED = Set.of("n", "seed", "presence_penalty", "frequency_penalty", "logit_bias",
      "logprobs", "top_logprobs", "parallel_tool_calls", "reasoning_effort", "user");
  /** Extra request fields passed on as they are in {@code additionalModelRequestFields}. */
  static final Set<String> READ_EXTRAS = Set.of("top_k", "thinking");

  private static final Map<String, String> IMAGE_FORMATS = Map.of(
      "image/png", "png", "image/jpeg", "jpeg", "image/jpg", "jpeg", "image/gif", "gif", "image/webp", "webp");
  private static final Map<String, String> DOCUMENT_FORMATS = Map.of(
      "application/pdf", "pdf",
      "text/csv", "csv",
      "application/msword", "doc",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx",
      "application/vnd.ms-excel", "xls",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx",
      "text/html", "html",
      "text/plain", "txt",
      "text/markdown", "md");
  /** What Converse allows in a document name: letters, digits, whitespace, hyphens, parentheses and brackets. */
  private static final Pattern DOCUMENT_NAME_UNSAFE = Pattern.compile("[^A-Za-z0-9\\s\\-()\\[\\]]+");
  /** A schema for answers whose JSON schema was not given. */
  private static final String ANY_OBJECT = "{\"type\":\"object\"}";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper JSON = new ObjectMapper();

  private ConverseRequestWriter() {}

  /**
   * The Converse body.
   *
   * @param dropped parameters left out so far; the writer adds those it finds it cannot say
   * @throws GatewayException.BadRequest naming a message part Converse cannot take
   */
  static ObjectNode write(ChatRequest request, List<String> dropped, boolean strict) {
    ObjectNode body = NODES.objectNode();
    ArrayNode system = NODES.arrayNode();
    body.set("messages", messages(request.messages(), system));
    if (!system.isEmpty()) {
      body.set("system", system);
    }
    ObjectNode inference = inferenceConfig(request);
    if (!inference.isEmpty()) {
      body.set("inferenceConfig", inference);
    }
    ObjectNode tools = toolConfig(request, body.get("messages"), dropped);
    if (tools != null) {
      body.set("toolConfig", tools);
    }
    outputConfig(request.responseFormat(), body, dropped);
    if (!request.metadata().isEmpty()) {
      ObjectNode metadata = body.putObject("requestMetadata");
      request.metadata().forEach(metadata::put);
    }
    ObjectNode additional = NODES.objectNode();
    for (String extra : READ_EXTRAS) {
      JsonNode value = request.extra().get(extra);
      if (value != null && !value.isNull()) {
        additional.set(extra, value);
      }
    }
    if (!additional.isEmpty()) {
      body.set("additionalModelRequestFields", additional);
    }
    if (strict && !dropped.isEmpty()) {
      throw GatewayException.badRequest("provider 'bedrock' does not support: " + String.join(", ", dropped)
          + " (expected: a request without them, or strict_open_ai_compliance off to drop them)", dropped.getFirst());
    }
    return body;
  }

  private static ArrayNode messages(List<Message> messages, ArrayNode system) {
    ArrayNode turns = NODES.arrayNode();
    for (int i = 0; i < messages.size(); i++) {
      Message message = messages.get(i);
      switch (message.role()) {
        case SYSTEM, DEVELOPER -> systemBlocks(message, i, system);
        case USER -> append(turns, "user", userBlocks(message, i));
        case ASSISTANT -> append(turns, "assistant", assistantBlocks(message, i));
        case TOOL -> append(turns, "user", List.of(toolResult(message, i)));
      }
    }
    if (turns.isEmpty()) {
      throw GatewayException.badRequest("messages: no user or assistant content (expected: at least one message "
          + "with non-empty content besides system messages)", "messages");
    }
    return turns;
  }

  /** Adds blocks to the last turn when it has the same role, else starts a turn. */
  private static void append(ArrayNode turns, String role, List<ObjectNode> blocks) {
    if (blocks.isEmpty()) {
      return;
    }
    JsonNode last = turns.isEmpty() ? null : turns.get(turns.size() - 1);
    ArrayNode content;
    if (last != null && role.equals(last.get("role").asText())) {
      content = (ArrayNode) last.get("content");
    } else {
      ObjectNode turn = turns.addObject();
      turn.put("role", role);
      content = turn.putArray("content");
    }
    content.addAll(blocks);
  }

  private static void systemBlocks(Message message, int index, ArrayNode system) {
    for (ContentPart part : message.content()) {
      if (!(part instanceof ContentPart.Text(String text))) {
        throw GatewayException.badRequest("messages[" + index + "].content: a " + part.getClass().getSimpleName()
            .toLowerCase(Locale.ROOT) + " part in a system message (expected: text only on bedrock)",
            "messages[" + index + "].content");
      }
      if (!text.isEmpty()) {
        system.addObject().put("text", text);
      }
    }
  }

  private static List<ObjectNode> userBlocks(Message message, int index) {
    List<ObjectNode> blocks = new ArrayList<>(message.content().size());
    for (int p = 0; p < message.content().size(); p++) {
      String field = "messages[" + index + "].content[" + p + "]";
      switch (message.content().get(p)) {
        case ContentPart.Text text -> {
          if (!text.text().isEmpty()) {
            blocks.add(textBlock(text.text()));
          }
        }
        case ContentPart.Image image -> blocks.add(imageBlock(image, field));
        case ContentPart.File file -> blocks.add(documentBlock(file, field, blocks.size()));
        case ContentPart.Audio audio -> throw GatewayException.badRequest(field + ": audio input (expected: text, "
            + "images or documents; Converse takes no audio)", field);
      }
    }
    return blocks;
  }

  private static List<ObjectNode> assistantBlocks(Message message, int index) {
    List<ObjectNode> blocks = new ArrayList<>(message.content().size() + message.toolCalls().size());
    for (ContentPart part : message.content()) {
      if (part instanceof ContentPart.Text(String text) && !text.isEmpty()) {
        blocks.add(textBlock(text));
      }
    }
    for (int c = 0; c < message.toolCalls().size(); c++) {
      ToolCall call = message.toolCalls().get(c);
      ObjectNode toolUse = NODES.objectNode();
      toolUse.put("toolUseId", call.id());
      toolUse.put("name", call.name());
      toolUse.set("input", arguments(call.arguments(),
          "messages[" + index + "].tool_calls[" + c + "].function.arguments"));
      ObjectNode block = NODES.objectNode();
      block.set("toolUse", toolUse);
      blocks.add(block);
    }
    return blocks;
  }

  /** A tool's answer: a JSON object stays JSON, anything else is text. */
  private static ObjectNode toolResult(Message message, int index) {
    if (message.toolCallId() == null) {
      throw GatewayException.badRequest("messages[" + index + "].tool_call_id: missing (expected: the id of the "
          + "tool call this message answers)", "messages[" + index + "].tool_call_id");
    }
    String text = message.text() == null ? "" : message.text();
    ObjectNode result = NODES.objectNode();
    result.put("toolUseId", message.toolCallId());
    ObjectNode content = result.putArray("content").addObject();
    JsonNode json = jsonObject(text);
    if (json != null) {
      content.set("json", json);
    } else {
      content.put("text", text);
    }
    ObjectNode block = NODES.objectNode();
    block.set("toolResult", result);
    return block;
  }

  private static ObjectNode textBlock(String text) {
    ObjectNode block = NODES.objectNode();
    block.put("text", text);
    return block;
  }

  private static ObjectNode imageBlock(ContentPart.Image image, String field) {
    DataUrl data = image.inline().orElseThrow(() -> GatewayException.badRequest(field + ".image_url.url: a remote "
        + "image URL (expected: a base64 data URL such as data:image/png;base64,...; Converse takes image bytes, "
        + "not links)", field + ".image_url.url"));
    String format = IMAGE_FORMATS.get(data.mediaType().toLowerCase(Locale.ROOT));
    if (format == null) {
      throw GatewayException.badRequest(field + ".image_url.url: media type '" + data.mediaType()
          + "' (expected: image/png, image/jpeg, image/gif or image/webp)", field + ".image_url.url");
    }
    ObjectNode block = NODES.objectNode();
    ObjectNode bytes = block.putObject("image").put("format", format);
    bytes.putObject("source").put("bytes", data.base64());
    return block;
  }

  private static ObjectNode documentBlock(ContentPart.File file, String field, int position) {
    DataUrl data = file.inline().orElseThrow(() -> GatewayException.badRequest(field + ".file: an uploaded file id "
        + "(expected: file_data as a base64 data URL; Bedrock has no file store)", field + ".file"));
    String format = DOCUMENT_FORMATS.get(data.mediaType().toLowerCase(Locale.ROOT));
    if (format == null) {
      throw GatewayException.badRequest(field + ".file.file_data: media type '" + data.mediaType()
          + "' (expected: one of " + String.join(", ", new TreeSet<>(DOCUMENT_FORMATS.keySet())) + ")",
          field + ".file.file_data");
    }
    ObjectNode document = NODES.objectNode();
    document.put("format", format);
    document.put("name", documentName(file.filename(), position));
    document.putObject("source").put("bytes", data.base64());
    ObjectNode block = NODES.objectNode();
    block.set("document", document);
    return block;
  }

  /** The file name without its extension and with the characters Converse refuses replaced by spaces. */
  private static String documentName(String filename, int position) {
    if (filename == null || filename.isBlank()) {
      return "document " + (position + 1);
    }
    int dot = filename.lastIndexOf('.');
    String stem = dot > 0 ? filename.substring(0, dot) : filename;
    String safe = DOCUMENT_NAME_UNSAFE.matcher(stem).replaceAll(" ").strip().replaceAll("\\s+", " ");
    return safe.isEmpty() ? "document " + (position + 1) : safe;
  }

  private static JsonNode arguments(String arguments, String field) {
    if (arguments.isBlank()) {
      return NODES.objectNode();
    }
    try {
      return JSON.readTree(arguments);
    } catch (JsonProcessingException e) {
      throw GatewayException.badRequest(field + ": not valid JSON (expected: the call's arguments as a JSON "
          + "object, which Converse sends as toolUse.input)", field);
    }
  }

  private static JsonNode jsonObject(String text) {
    String trimmed = text.strip();
    if (!trimmed.startsWith("{")) {
      return null;
    }
    try {
      JsonNode node = JSON.readTree(trimmed);
      return node != null && node.isObject() ? node : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static ObjectNode inferenceConfig(ChatRequest request) {
    ObjectNode inference = NODES.objectNode();
    if (request.maxTokens() != null) {
      inference.put("maxTokens", request.maxTokens().value());
    }
    if (request.temperature() != null) {
      inference.put("temperature", request.temperature());
    }
    if (request.topP() != null) {
      inference.put("topP", request.topP());
    }
    if (!request.stop().isEmpty()) {
      ArrayNode stop = inference.putArray("stopSequences");
      request.stop().forEach(stop::add);
    }
    return inference;
  }

  /**
   * Tools and the choice among them. Converse has no "none" choice: the tools are left out instead, unless the
   * conversation already holds tool blocks (Converse then requires the tools), in which case the choice is dropped.
   */
  private static ObjectNode toolConfig(ChatRequest request, JsonNode turns, List<String> dropped) {
    if (request.tools().isEmpty()) {
      return null;
    }
    if (request.toolChoice() == ToolChoice.Mode.NONE) {
      if (!holdsToolBlocks(turns)) {
        return null;
      }
      dropped.add("tool_choice");
    }
    ObjectNode config = NODES.objectNode();
    ArrayNode tools = config.putArray("tools");
    for (Tool tool : request.tools()) {
      ObjectNode spec = tools.addObject().putObject("toolSpec");
      spec.put("name", tool.name());
      if (tool.description() != null) {
        spec.put("description", tool.description());
      }
      spec.putObject("inputSchema").set("json",
          tool.parameters() != null ? tool.parameters() : NODES.objectNode().put("type", "object"));
    }
    switch (request.toolChoice()) {
      case ToolChoice.Mode.AUTO -> config.putObject("toolChoice").putObject("auto");
      case ToolChoice.Mode.REQUIRED -> config.putObject("toolChoice").putObject("any");
      case ToolChoice.Function function ->
          config.putObject("toolChoice").putObject("tool").put("name", function.name());
      case null, default -> { }
    }
    return config;
  }

  private static boolean holdsToolBlocks(JsonNode turns) {
    for (JsonNode turn : turns) {
      for (JsonNode block : turn.get("content")) {
        if (block.has("toolUse") || block.has("toolResult")) {
          return true;
        }
      }
    }
    return false;
  }

  /** A JSON schema becomes {@code outputConfig.textFormat}; plain JSON mode has no Converse field and is dropped. */
  private static void outputConfig(ResponseFormat format, ObjectNode body, List<String> dropped) {
    switch (format) {
      case ResponseFormat.JsonSchema schema -> {
        ObjectNode definition = NODES.objectNode();
        definition.put("schema", schema.schema() != null ? schema.schema().toString() : ANY_OBJECT);
        definition.put("name", schema.name());
        if (schema.description() != null) {
          definition.put("description", schema.description());
        }
        ObjectNode textFormat = body.putObject("outputConfig").putObject("textFormat");
        textFormat.put("type", "json_schema");
        textFormat.putObject("structure").set("jsonSchema", definition);
      }
      case ResponseFormat.JsonObject json -> dropped.add("response_format");
      case null, default -> { }
    }
  }
}
