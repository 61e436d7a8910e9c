package dev.portcullis.api.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.wire.FieldReader;
import dev.portcullis.error.GatewayException;
import dev.portcullis.model.ChatRequest;
import dev.portcullis.model.MaxTokens;
import dev.portcullis.model.Message;
import dev.portcullis.model.ResponseFormat;
import dev.portcullis.model.Role;
import dev.portcullis.model.Tool;
import dev.portcullis.model.ToolChoice;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Decodes an Anthropic {@code POST /v1/messages} body into the canonical request. Anything wrong is a
 * {@link GatewayException.BadRequest} naming the JSON path, the value and what was expected. Fields with no canonical
 * meaning ({@code top_k}, {@code thinking}, {@code service_tier} and any other) are kept in
 * {@link ChatRequest#extra()} as received, for a provider codec that knows them.
 */
final class AnthropicChatRequestDecoder {

  private static final Set<String> KNOWN_FIELDS = Set.of(
      "model", "messages", "max_tokens", "system", "tools", "tool_choice", "stop_sequences", "temperature", "top_p",
      "metadata", "stream", "output_config", "output_format");
  private static final List<String> TOOL_CHOICE_TYPES = List.of("auto", "any", "tool", "none");
  private static final String CUSTOM_TOOL = "custom";
  private static final String SERVER_TOOL_EXPECTED =
      "custom; Anthropic's server tools such as web search run only on an Anthropic target";
  private static final List<String> FORMAT_TYPES = List.of("json_schema");
  /** The schema name OpenAI-style providers require; Anthropic's output format has none. */
  private static final String SCHEMA_NAME = "response";

  private AnthropicChatRequestDecoder() {}

  /** A Messages request: {@code max_tokens} is required. */
  static ChatRequest decode(Buffer body) {
    return decode(body, true);
  }

  /** A {@code count_tokens} request: the same body without {@code max_tokens}. */
  static ChatRequest decodeForCounting(Buffer body) {
    return decode(body, false);
  }

  private static ChatRequest decode(Buffer body, boolean maxTokensRequired) {
    FieldReader request = FieldReader.requestBody(body);
    String model = request.requiredString("model");
    if (model.isEmpty()) {
      throw request.invalid("model", request.value("model"), "a model name");
    }
    Integer maxTokens = request.integer("max_tokens");
    if (maxTokens == null && maxTokensRequired) {
      throw request.missing("max_tokens", "an integer of at least 1");
    }
    if (maxTokens != null && maxTokens < 1) {
      throw request.invalid("max_tokens", request.value("max_tokens"), "an integer of at least 1");
    }
    boolean stream = Boolean.TRUE.equals(request.bool("stream"));
    FieldReader outputConfig = request.object("output_config");
    FieldReader outputFormat = outputConfig != null ? outputConfig.object("format") : request.object("output_format");
    FieldReader metadata = request.object("metadata");
    return ChatRequest.builder(model, messages(request))
        .tools(tools(request))
        .toolChoice(toolChoice(request))
        .parallelToolCalls(parallelToolCalls(request))
        .responseFormat(responseFormat(outputFormat))
        .reasoningEffort(outputConfig == null ? null : outputConfig.string("effort"))
        .temperature(request.number("temperature"))
        .topP(request.number("top_p"))
        .maxTokens(maxTokens == null ? null : MaxTokens.completionTokens(maxTokens))
        .stop(request.strings("stop_sequences", "an array of strings"))
        .stream(stream)
        .includeUsage(stream)
        .user(metadata == null ? null : metadata.string("user_id"))
        .extra(request.unknownFields(KNOWN_FIELDS))
        .build();
  }

  private static List<Message> messages(FieldReader request) {
    List<FieldReader> messages = request.nonEmptyObjects("messages");
    List<Message> decoded = new ArrayList<>(messages.size() + 1);
    String system = system(request);
    if (system != null && !system.isEmpty()) {
      decoded.add(Message.of(Role.SYSTEM, system));
    }
    for (FieldReader message : messages) {
      AnthropicMessageDecoder.decode(message, decoded);
    }
    if (decoded.isEmpty()) {
      throw request.invalid("messages", request.value("messages"),
          "at least one message with text, images, tool calls or results");
    }
    return decoded;
  }

  /** The system prompt as one text: a string, or text blocks joined (their {@code cache_control} is not kept). */
  private static String system(FieldReader request) {
    JsonNode system = request.value("system");
    if (system == null || system.isTextual()) {
      return system == null ? null : system.textValue();
    }
    if (!system.isArray()) {
      throw request.invalid("system", system, "a string or an array of text blocks");
    }
    return AnthropicMessageDecoder.joinedText(request.objects("system"));
  }

  private static List<Tool> tools(FieldReader request) {
    List<FieldReader> tools = request.objects("tools");
    List<Tool> decoded = new ArrayList<>(tools.size());
    for (FieldReader tool : tools) {
      String type = tool.string("type");
      if (type != null && !type.equals(CUSTOM_TOOL)) {
        throw tool.invalid("type", tool.value("type"), SERVER_TOOL_EXPECTED);
      }
      ObjectNode schema = tool.objectNode("input_schema");
      if (schema == null) {
        throw tool.missing("input_schema", "a JSON Schema object");
      }
      decoded.add(new Tool(tool.requiredString("name"), tool.string("description"), schema, tool.bool("strict")));
    }
    return decoded;
  }

  private static ToolChoice toolChoice(FieldReader request) {
    FieldReader choice = request.object("tool_choice");
    if (choice == null) {
      return null;
    }
    return switch (choice.requiredOneOf("type", TOOL_CHOICE_TYPES)) {
      case "auto" -> ToolChoice.Mode.AUTO;
      case "any" -> ToolChoice.Mode.REQUIRED;
      case "none" -> ToolChoice.Mode.NONE;
      default -> ToolChoice.function(choice.requiredString("name"));
    };
  }

  /** False when {@code tool_choice.disable_parallel_tool_use} is set; otherwise left to the provider. */
  private static Boolean parallelToolCalls(FieldReader request) {
    FieldReader choice = request.object("tool_choice");
    return choice != null && Boolean.TRUE.equals(choice.bool("disable_parallel_tool_use")) ? Boolean.FALSE : null;
  }

  private static ResponseFormat responseFormat(FieldReader format) {
    if (format == null) {
      return null;
    }
    format.requiredOneOf("type", FORMAT_TYPES);
    ObjectNode schema = format.objectNode("schema");
    if (schema == null) {
      throw format.missing("schema", "a JSON Schema object");
    }
    return new ResponseFormat.JsonSchema(SCHEMA_NAME, null, schema, null);
  }
}
