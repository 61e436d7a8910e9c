package dev.portcullis.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.error.GatewayException;
import dev.portcullis.model.ChatRequest;
import dev.portcullis.model.MaxTokens;
import dev.portcullis.model.Message;
import dev.portcullis.model.ResponseFormat;
import dev.portcullis.model.Tool;
import dev.portcullis.model.ToolChoice;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decodes an OpenAI {@code POST /v1/chat/completions} body. Anything wrong with it is a
 * {@link GatewayException.BadRequest} whose message names the JSON path, the value and what was expected, and
 * whose param is that path. Top-level fields the model does not know are kept verbatim in
 * {@link ChatRequest#extra()}.
 */
public final class OpenAiChatRequestDecoder {

  private static final Set<String> KNOWN_FIELDS = Set.of(
      "model", "messages", "tools", "tool_choice", "response_format", "temperature", "top_p", "max_tokens",
      "max_completion_tokens", "stop", "n", "stream", "stream_options", "seed", "presence_penalty",
      "frequency_penalty", "logit_bias", "logprobs", "top_logprobs", "user", "parallel_tool_calls",
      "reasoning_effort", "metadata");
  private static final List<String> TOOL_CHOICE_MODES = List.of("none", "auto", "required");
  private static final List<String> RESPONSE_FORMAT_TYPES = List.of("text", "json_object", "json_schema");
  private static final List<String> FUNCTION = List.of("function");

  private OpenAiChatRequestDecoder() {}

  public static ChatRequest decode(byte[] body) {
    return decode(OpenAiJson.readObject(body, DecodeFailure.REQUEST));
  }

  public static ChatRequest decode(Buffer body) {
    return decode(OpenAiJson.readObject(body, DecodeFailure.REQUEST));
  }

  private static ChatRequest decode(ObjectNode body) {
    FieldReader request = FieldReader.root(body, DecodeFailure.REQUEST);
    String model = request.requiredString("model");
    if (model.isEmpty()) {
      throw request.invalid("model", body.get("model"), "a model name");
    }
    Integer maxCompletionTokens = request.integer("max_completion_tokens");
    Integer maxTokens = request.integer("max_tokens");
    FieldReader streamOptions = request.object("stream_options");
    Boolean includeUsage = streamOptions == null ? null : streamOptions.bool("include_usage");
    return ChatRequest.builder(model, messages(request))
        .tools(tools(request.objects("tools")))
        .toolChoice(toolChoice(request))
        .responseFormat(responseFormat(request.object("response_format")))
        .temperature(request.number("temperature"))
        .topP(request.number("top_p"))
        .maxTokens(maxCompletionTokens != null
            ? MaxTokens.completionTokens(maxCompletionTokens)
            : maxTokens != null ? MaxTokens.legacyMaxTokens(maxTokens) : null)
        .stop(stop(request))
        .n(request.integer("n"))
        .stream(Boolean.TRUE.equals(request.bool("stream")))
        .includeUsage(Boolean.TRUE.equals(includeUsage))
        .seed(request.longInteger("seed"))
        .presencePenalty(request.number("presence_penalty"))
        .frequencyPenalty(request.number("frequency_penalty"))
        .logitBias(logitBias(request.object("logit_bias")))
        .logprobs(request.bool("logprobs"))
        .topLogprobs(request.integer("top_logprobs"))
        .user(request.string("user"))
        .parallelToolCalls(request.bool("parallel_tool_calls"))
        .reasoningEffort(request.string("reasoning_effort"))
        .metadata(metadata(request.object("metadata")))
        .extra(extra(request, maxCompletionTokens != null && maxTokens != null))
        .build();
  }

  private static List<Message> messages(FieldReader request) {
    return request.nonEmptyObjects("messages").stream().map(OpenAiMessageDecoder::decode).toList();
  }

  private static List<Tool> tools(List<FieldReader> tools) {
    List<Tool> decoded = new ArrayList<>(tools.size());
    for (FieldReader tool : tools) {
      tool.requiredOneOf("type", FUNCTION);
      FieldReader function = tool.requiredObject("function");
      decoded.add(new Tool(
          function.requiredString("name"),
          function.string("description"),
          function.objectNode("parameters"),
          function.bool("strict")));
    }
    return decoded;
  }

  private static ToolChoice toolChoice(FieldReader request) {
    JsonNode choice = request.value("tool_choice");
    if (choice == null) {
      return null;
    }
    if (choice.isTextual()) {
      return switch (request.oneOf("tool_choice", TOOL_CHOICE_MODES)) {
        case "none" -> ToolChoice.Mode.NONE;
        case "auto" -> ToolChoice.Mode.AUTO;
        default -> ToolChoice.Mode.REQUIRED;
      };
    }
    if (!choice.isObject()) {
      throw request.invalid("tool_choice", choice, "one of none, auto, required, or an object naming a function");
    }
    FieldReader named = request.requiredObject("tool_choice");
    named.requiredOneOf("type", FUNCTION);
    return ToolChoice.function(named.requiredObject("function").requiredString("name"));
  }

  private static ResponseFormat responseFormat(FieldReader format) {
    if (format == null) {
      return null;
    }
    return switch (format.requiredOneOf("type", RESPONSE_FORMAT_TYPES)) {
      case "text" -> ResponseFormat.text();
      case "json_object" -> ResponseFormat.jsonObject();
      default -> {
        FieldReader schema = format.requiredObject("json_schema");
        yield new ResponseFormat.JsonSchema(
            schema.requiredString("name"),
            schema.string("description"),
            schema.objectNode("schema"),
            schema.bool("strict"));
      }
    };
  }

  private static List<String> stop(FieldReader request) {
    JsonNode stop = request.value("stop");
    if (stop == null) {
      return List.of();
    }
    return stop.isTextual() ? List.of(stop.textValue()) : request.strings("stop", "a string or an array of strings");
  }

  private static Map<String, Integer> logitBias(FieldReader biases) {
    if (biases == null) {
      return Map.of();
    }
    Map<String, Integer> decoded = new LinkedHashMap<>();
    for (String token : biases.fieldNames()) {
      decoded.put(token, biases.integer(token));
    }
    return decoded;
  }

  private static Map<String, String> metadata(FieldReader metadata) {
    if (metadata == null) {
      return Map.of();
    }
    Map<String, String> decoded = new LinkedHashMap<>();
    for (String key : metadata.fieldNames()) {
      decoded.put(key, metadata.requiredString(key));
    }
    return decoded;
  }

  /**
   * Unknown top-level fields. When both token caps are set, {@code max_completion_tokens} is the model's cap and
   * {@code max_tokens} travels here, so re-encoding for OpenAI loses neither.
   */
  private static Map<String, JsonNode> extra(FieldReader request, boolean bothTokenCaps) {
    Map<String, JsonNode> extra = request.unknownFields(KNOWN_FIELDS);
    if (bothTokenCaps) {
      extra.put("max_tokens", request.value("max_tokens"));
    }
    return extra;
  }
}
