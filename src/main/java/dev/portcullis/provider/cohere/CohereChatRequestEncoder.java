package dev.portcullis.provider.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.error.GatewayException;
import dev.portcullis.model.ChatRequest;
import dev.portcullis.model.ContentPart;
import dev.portcullis.model.Message;
import dev.portcullis.model.ResponseFormat;
import dev.portcullis.model.Tool;
import dev.portcullis.model.ToolCall;
import dev.portcullis.model.ToolChoice;
import dev.portcullis.provider.UnsupportedParameters;
import dev.portcullis.provider.WireRequest;
import dev.portcullis.provider.Target;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes a chat request as Cohere's {@code POST /v2/chat} body. The renames, clamps and pass-through fields are the
 * tables at the top; code is left for messages, tools and the named tool choice Cohere cannot pin.
 */
final class CohereChatRequestEncoder {

  /** OpenAI parameters Cohere's chat has no field for. */
  static final Set<String> UNSUPPORTED = Set.of(
      "n", "logit_bias", "logprobs", "top_logprobs", "parallel_tool_calls", "reasoning_effort", "user", "metadata");

  /** Unknown request fields renamed for Cohere: OpenAI-style name to Cohere's. */
  private static final Map<String, String> RENAMED_EXTRAS = Map.of("top_k", "k");

  /** Cohere's own chat fields a client may send as they are. */
  private static final Set<String> NATIVE_EXTRAS =
      Set.of("documents", "citation_options", "safety_mode", "thinking", "strict_tools");

  /** Every unknown field this encoder reads; the rest are dropped. */
  static final Set<String> READ_EXTRAS = union(RENAMED_EXTRAS.keySet(), NATIVE_EXTRAS);

  /** Cohere takes {@code p} in 0.01..0.99; OpenAI's common {@code top_p: 1} would be refused. */
  private static final double MIN_P = 0.01;
  private static final double MAX_P = 0.99;
  /** Cohere takes both penalties in 0..1; OpenAI allows -2..2. */
  private static final double MIN_PENALTY = 0.0;
  private static final double MAX_PENALTY = 1.0;

  private CohereChatRequestEncoder() {}

  static WireRequest encode(ChatRequest request, Target target, boolean strict) {
    List<String> dropped = UnsupportedParameters.check(request, UNSUPPORTED, READ_EXTRAS, CohereJson.PROVIDER, strict);
    ObjectNode body = CohereJson.object();
    body.put("model", target.model() != null ? target.model() : request.model());
    ArrayNode messages = body.putArray("messages");
    for (int i = 0; i < request.messages().size(); i++) {
      messages.add(message(request.messages().get(i), "messages[" + i + "]"));
    }
    tools(request, body);
    responseFormat(request.responseFormat(), body);
    if (request.temperature() != null) {
      body.put("temperature", request.temperature());
    }
    if (request.topP() != null) {
      body.put("p", Math.clamp(request.topP(), MIN_P, MAX_P));
    }
    if (request.maxTokens() != null) {
      body.put("max_tokens", request.maxTokens().value());
    }
    if (!request.stop().isEmpty()) {
      ArrayNode stop = body.putArray("stop_sequences");
      request.stop().forEach(stop::add);
    }
    if (request.seed() != null) {
      body.put("seed", request.seed());
    }
    if (request.frequencyPenalty() != null) {
      body.put("frequency_penalty", Math.clamp(request.frequencyPenalty(), MIN_PENALTY, MAX_PENALTY));
    }
    if (request.presencePenalty() != null) {
      body.put("presence_penalty", Math.clamp(request.presencePenalty(), MIN_PENALTY, MAX_PENALTY));
    }
    extras(request.extra(), body);
    if (request.stream()) {
      body.put("stream", true);
    }
    WireRequest wire = WireRequest.postJson(URI.create(target.baseUrl() + "/chat"), CohereJson.bytes(body), dropped);
    if (request.stream()) {
      wire.headers().set("accept", "text/event-stream");
    }
    return wire;
  }

  private static ObjectNode message(Message message, String path) {
    ObjectNode out = CohereJson.object();
    switch (message.role()) {
      case SYSTEM, DEVELOPER -> {
        out.put("role", "system");
        out.put("content", textOnly(message, path));
      }
      case USER -> {
        out.put("role", "user");
        if (message.contentForm() == Message.ContentForm.STRING) {
          out.put("content", message.text());
        } else {
          out.set("content", parts(message.content(), path));
        }
      }
      case ASSISTANT -> assistant(message, path, out);
      case TOOL -> {
        out.put("role", "tool");
        out.put("tool_call_id", message.toolCallId());
        String text = textOnly(message, path);
        out.put("content", text == null ? "" : text);
      }
    }
    return out;
  }

  private static void assistant(Message message, String path, ObjectNode out) {
    out.put("role", "assistant");
    String text = textOnly(message, path);
    if (text != null) {
      out.put("content", text);
    }
    if (!message.toolCalls().isEmpty()) {
      if (message.reasoningContent() != null) {
        out.put("tool_plan", message.reasoningContent());
      }
      ArrayNode calls = out.putArray("tool_calls");
      for (ToolCall call : message.toolCalls()) {
        ObjectNode c = calls.addObject();
        c.put("id", call.id());
        c.put("type", "function");
        ObjectNode function = c.putObject("function");
        function.put("name", call.name());
        function.put("arguments", call.arguments());
      }
    }
  }

  private static ArrayNode parts(List<ContentPart> content, String path) {
    ArrayNode out = CohereJson.MAPPER.createArrayNode();
    for (int j = 0; j < content.size(); j++) {
      switch (content.get(j)) {
        case ContentPart.Text text -> out.addObject().put("type", "text").put("text", text.text());
        case ContentPart.Image image -> {
          ObjectNode url = out.addObject().put("type", "image_url").putObject("image_url").put("url", image.url());
          if (image.detail() != null) {
            url.put("detail", image.detail());
          }
        }
        case ContentPart.Audio audio -> throw unsupportedPart(path + ".content[" + j + "]", "input_audio");
        case ContentPart.File file -> throw unsupportedPart(path + ".content[" + j + "]", "file");
      }
    }
    return out;
  }

  /** The message's text, for roles whose Cohere content is text only. */
  private static String textOnly(Message message, String path) {
    for (int j = 0; j < message.content().size(); j++) {
      if (!(message.content().get(j) instanceof ContentPart.Text)) {
        throw GatewayException.badRequest(path + ".content[" + j + "]: a " + part(message.content().get(j))
            + " part in a " + message.role().name().toLowerCase(Locale.ROOT) + " message (expected: "
            + "text; provider 'cohere' takes images in user messages only)", path + ".content[" + j + "]");
      }
    }
    return message.text();
  }

  private static GatewayException.BadRequest unsupportedPart(String path, String type) {
    return GatewayException.badRequest(path + ": " + type + " content is not supported by provider 'cohere' "
        + "(expected: text or image_url parts)", path);
  }

  private static String part(ContentPart part) {
    return switch (part) {
      case ContentPart.Text text -> "text";
      case ContentPart.Image image -> "image_url";
      case ContentPart.Audio audio -> "input_audio";
      case ContentPart.File file -> "file";
    };
  }

  /**
   * Tools and the tool choice. Cohere can require a tool call but not name the tool, so a named choice offers
   * only that tool and requires a call: the model has no other tool to pick.
   */
  private static void tools(ChatRequest request, ObjectNode body) {
    List<Tool> offered = request.tools();
    ToolChoice choice = request.toolChoice();
    if (choice instanceof ToolChoice.Function(String name)) {
      offered = offered.stream().filter(t -> t.name().equals(name)).toList();
      if (offered.isEmpty()) {
        throw GatewayException.badRequest("tool_choice: function '" + name + "' is not among the request's tools "
            + "(expected: the name of one of them)", "tool_choice");
      }
    }
    if (!offered.isEmpty()) {
      ArrayNode tools = body.putArray("tools");
      for (Tool tool : offered) {
        ObjectNode function = tools.addObject().put("type", "function").putObject("function");
        function.put("name", tool.name());
        if (tool.description() != null) {
          function.put("description", tool.description());
        }
        if (tool.parameters() != null) {
          function.set("parameters", tool.parameters());
        }
      }
      if (offered.stream().allMatch(t -> Boolean.TRUE.equals(t.strict()))) {
        body.put("strict_tools", true);
      }
    }
    switch (choice) {
      case null -> { }
      case ToolChoice.Mode mode when mode == ToolChoice.Mode.AUTO -> { }
      case ToolChoice.Mode mode -> body.put("tool_choice", mode.name());
      case ToolChoice.Function function -> body.put("tool_choice", ToolChoice.Mode.REQUIRED.name());
    }
  }

  private static void responseFormat(ResponseFormat format, ObjectNode body) {
    switch (format) {
      case null -> { }
      case ResponseFormat.Text text -> { }
      case ResponseFormat.JsonObject object -> body.putObject("response_format").put("type", "json_object");
      case ResponseFormat.JsonSchema schema -> {
        ObjectNode out = body.putObject("response_format").put("type", "json_object");
        if (schema.schema() != null) {
          out.set("json_schema", schema.schema());
        }
      }
    }
  }

  private static void extras(Map<String, JsonNode> extra, ObjectNode body) {
    extra.forEach((name, value) -> {
      String renamed = RENAMED_EXTRAS.get(name);
      if (renamed != null) {
        body.set(renamed, value);
      } else if (NATIVE_EXTRAS.contains(name)) {
        body.set(name, value);
      }
    });
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new HashSet<>(a);
    all.addAll(b);
    return Set.copyOf(all);
  }
}
