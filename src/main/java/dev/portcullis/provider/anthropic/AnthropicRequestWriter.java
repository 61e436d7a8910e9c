package dev.portcullis.provider.anthropic;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.model.ChatRequest;
import dev.portcullis.model.ResponseFormat;
import dev.portcullis.model.Tool;
import dev.portcullis.model.ToolChoice;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes one Messages request body straight through a JSON generator: the top-level parameters here, system and
 * turns by {@link AnthropicMessageWriter}. Values arrive already resolved (model, cap, clamped temperature,
 * thinking) by {@link AnthropicChatCodec}.
 */
final class AnthropicRequestWriter {

  /** The system block that stands in for {@code response_format}. */
  private static final String JSON_INSTRUCTION =
      "Respond with one valid JSON object and nothing else: no prose and no code fences around it.";
  private static final String SCHEMA_INSTRUCTION = " The object must conform to this JSON Schema";

  private final ChatRequest request;
  private final String providerId;

  AnthropicRequestWriter(ChatRequest request, String providerId) {
    this.request = request;
    this.providerId = providerId;
  }

  byte[] write(AnthropicPlatform platform, String model, int maxTokens, Double temperature, JsonNode thinking) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
    try (JsonGenerator out = AnthropicJson.FACTORY.createGenerator(bytes, JsonEncoding.UTF8)) {
      out.writeStartObject();
      platform.writeHead(out, model);
      out.writeNumberField("max_tokens", maxTokens);
      AnthropicMessageWriter messages = new AnthropicMessageWriter(out, request.messages(), providerId);
      messages.writeSystem(instruction(request.responseFormat()));
      messages.writeTurns();
      writeTools(out);
      if (!request.stop().isEmpty()) {
        out.writeArrayFieldStart("stop_sequences");
        for (String stop : request.stop()) {
          out.writeString(stop);
        }
        out.writeEndArray();
      }
      if (temperature != null) {
        out.writeNumberField("temperature", temperature);
      }
      if (request.topP() != null) {
        out.writeNumberField("top_p", request.topP());
      }
      JsonNode topK = request.extra().get("top_k");
      if (topK != null) {
        out.writeFieldName("top_k");
        out.writeTree(topK);
      }
      if (request.user() != null) {
        out.writeObjectFieldStart("metadata");
        out.writeStringField("user_id", request.user());
        out.writeEndObject();
      }
      if (thinking != null) {
        out.writeFieldName("thinking");
        out.writeTree(thinking);
      }
      if (request.stream()) {
        out.writeBooleanField("stream", true);
      }
      out.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to memory failed", e);
    }
    return bytes.toByteArray();
  }

  /** The system text asking for JSON, or null when the answer may be free text. */
  private static String instruction(ResponseFormat format) {
    return switch (format) {
      case null -> null;
      case ResponseFormat.Text text -> null;
      case ResponseFormat.JsonObject json -> JSON_INSTRUCTION;
      case ResponseFormat.JsonSchema schema -> JSON_INSTRUCTION + SCHEMA_INSTRUCTION + " ('" + schema.name() + "'"
          + (schema.description() == null ? "" : ": " + schema.description()) + ")"
          + (schema.schema() == null ? "." : ":\n" + schema.schema());
    };
  }

  /**
   * Tools and, when there are tools, the tool choice; {@code parallel_tool_calls: false} rides on the tool choice
   * as {@code disable_parallel_tool_use}. A tool choice without tools is left out: there is nothing to choose.
   */
  private void writeTools(JsonGenerator out) throws IOException {
    if (request.tools().isEmpty()) {
      return;
    }
    out.writeArrayFieldStart("tools");
    for (Tool tool : request.tools()) {
      out.writeStartObject();
      out.writeStringField("name", tool.name());
      if (tool.description() != null) {
        out.writeStringField("description", tool.description());
      }
      out.writeFieldName("input_schema");
      if (tool.parameters() != null) {
        out.writeTree(tool.parameters());
      } else {
        out.writeStartObject();
        out.writeStringField("type", "object");
        out.writeObjectFieldStart("properties");
        out.writeEndObject();
        out.writeEndObject();
      }
      out.writeEndObject();
    }
    out.writeEndArray();
    ToolChoice choice = request.toolChoice();
    boolean serial = Boolean.FALSE.equals(request.parallelToolCalls()) && choice != ToolChoice.Mode.NONE;
    if (choice == null && !serial) {
      return;
    }
    out.writeObjectFieldStart("tool_choice");
    switch (choice) {
      case null -> out.writeStringField("type", AnthropicChatCodec.TOOL_CHOICE_TYPES.get(ToolChoice.Mode.AUTO));
      case ToolChoice.Mode mode -> out.writeStringField("type", AnthropicChatCodec.TOOL_CHOICE_TYPES.get(mode));
      case ToolChoice.Function function -> {
        out.writeStringField("type", "tool");
        out.writeStringField("name", function.name());
      }
    }
    if (serial) {
      out.writeBooleanField("disable_parallel_tool_use", true);
    }
    out.writeEndObject();
  }
}
