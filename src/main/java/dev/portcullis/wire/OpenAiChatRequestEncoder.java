package dev.portcullis.wire;

import dev.portcullis.model.ChatRequest;
import dev.portcullis.model.MaxTokens;
import dev.portcullis.model.Message;
import dev.portcullis.model.ResponseFormat;
import dev.portcullis.model.Tool;
import dev.portcullis.model.ToolChoice;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;

/**
 * Encodes a request as an OpenAI {@code POST /v1/chat/completions} body. Unset fields are left out, message content
 * keeps the form it was given in, and {@link ChatRequest#extra()} fields are written back unchanged.
 */
public final class OpenAiChatRequestEncoder {

  private OpenAiChatRequestEncoder() {}

  public static byte[] encode(ChatRequest request) {
    return OpenAiJson.write(writer -> write(writer, request));
  }

  private static void write(FieldWriter writer, ChatRequest request) throws IOException {
    writer.startObject();
    writer.string("model", request.model());
    writer.startArray("messages");
    for (Message message : request.messages()) {
      OpenAiMessageEncoder.writeRequestMessage(writer, message);
    }
    writer.endArray();
    if (!request.tools().isEmpty()) {
      writer.startArray("tools");
      for (Tool tool : request.tools()) {
        writeTool(writer, tool);
      }
      writer.endArray();
    }
    if (request.toolChoice() != null) {
      writeToolChoice(writer, request.toolChoice());
    }
    if (request.responseFormat() != null) {
      writeResponseFormat(writer, request.responseFormat());
    }
    writer.number("temperature", request.temperature());
    writer.number("top_p", request.topP());
    if (request.maxTokens() != null) {
      MaxTokens max = request.maxTokens();
      writer.number(max.field() == MaxTokens.Field.MAX_TOKENS ? "max_tokens" : "max_completion_tokens", max.value());
    }
    if (!request.stop().isEmpty()) {
      writer.startArray("stop");
      for (String sequence : request.stop()) {
        writer.stringValue(sequence);
      }
      writer.endArray();
    }
    writer.number("n", request.n());
    if (request.stream()) {
      writer.bool("stream", true);
    }
    if (request.includeUsage()) {
      writer.startObject("stream_options");
      writer.bool("include_usage", true);
      writer.endObject();
    }
    writer.number("seed", request.seed());
    writer.number("presence_penalty", request.presencePenalty());
    writer.number("frequency_penalty", request.frequencyPenalty());
    if (!request.logitBias().isEmpty()) {
      writer.startObject("logit_bias");
      for (Map.Entry<String, Integer> bias : request.logitBias().entrySet()) {
        writer.number(bias.getKey(), bias.getValue());
      }
      writer.endObject();
    }
    writer.bool("logprobs", request.logprobs());
    writer.number("top_logprobs", request.topLogprobs());
    writer.string("user", request.user());
    writer.bool("parallel_tool_calls", request.parallelToolCalls());
    writer.string("reasoning_effort", request.reasoningEffort());
    if (!request.metadata().isEmpty()) {
      writer.startObject("metadata");
      for (Map.Entry<String, String> tag : request.metadata().entrySet()) {
        writer.string(tag.getKey(), tag.getValue());
      }
      writer.endObject();
    }
    writer.fields(request.extra());
    writer.endObject();
  }

  private static void writeTool(FieldWriter writer, Tool tool) throws IOException {
    writer.startObject();
    writer.string("type", "function");
    writer.startObject("function");
    writer.string("name", tool.name());
    writer.string("description", tool.description());
    writer.json("parameters", tool.parameters());
    writer.bool("strict", tool.strict());
    writer.endObject();
    writer.endObject();
  }

  private static void writeToolChoice(FieldWriter writer, ToolChoice choice) throws IOException {
    switch (choice) {
      case ToolChoice.Mode mode -> writer.string("tool_choice", mode.name().toLowerCase(Locale.ROOT));
      case ToolChoice.Function function -> {
        writer.startObject("tool_choice");
        writer.string("type", "function");
        writer.startObject("function");
        writer.string("name", function.name());
        writer.endObject();
        writer.endObject();
      }
    }
  }

  private static void writeResponseFormat(FieldWriter writer, ResponseFormat format) throws IOException {
    writer.startObject("response_format");
    switch (format) {
      case ResponseFormat.Text text -> writer.string("type", "text");
      case ResponseFormat.JsonObject object -> writer.string("type", "json_object");
      case ResponseFormat.JsonSchema schema -> {
        writer.string("type", "json_schema");
        writer.startObject("json_schema");
        writer.string("name", schema.name());
        writer.string("description", schema.description());
        writer.json("schema", schema.schema());
        writer.bool("strict", schema.strict());
        writer.endObject();
      }
    }
    writer.endObject();
  }
}
