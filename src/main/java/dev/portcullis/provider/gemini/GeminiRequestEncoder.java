package dev.portcullis.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.error.GatewayException;
import dev.portcullis.model.ChatRequest;
import dev.portcullis.model.ResponseFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The body of a {@code generateContent} call: contents, system instruction, tools, safety settings and the
 * {@code generationConfig} the sampling parameters map into.
 */
final class GeminiRequestEncoder {

  /** Numeric OpenAI parameters and the {@code generationConfig} fields that take them as they are. */
  private static final Map<String, Function<ChatRequest, Number>> GENERATION_NUMBERS = new LinkedHashMap<>();

  static {
    GENERATION_NUMBERS.put("temperature", ChatRequest::temperature);
    GENERATION_NUMBERS.put("topP", ChatRequest::topP);
    GENERATION_NUMBERS.put("maxOutputTokens", r -> r.maxTokens() == null ? null : r.maxTokens().value());
    GENERATION_NUMBERS.put("candidateCount", ChatRequest::n);
    GENERATION_NUMBERS.put("seed", GeminiRequestEncoder::seed);
    GENERATION_NUMBERS.put("presencePenalty", ChatRequest::presencePenalty);
    GENERATION_NUMBERS.put("frequencyPenalty", ChatRequest::frequencyPenalty);
    GENERATION_NUMBERS.put("topK", GeminiRequestEncoder::topK);
  }

  private static final String JSON = "application/json";

  private GeminiRequestEncoder() {}

  /**
   * @param model the model id the call goes to (thinking and thought signatures depend on its generation)
   * @throws GatewayException.BadRequest naming a field Gemini cannot take
   */
  static ObjectNode encode(ChatRequest request, String model) {
    ObjectNode body = GeminiJson.object();
    GeminiContentsEncoder conversation = GeminiContentsEncoder.encode(request.messages(), model);
    body.set("contents", conversation.contents());
    if (conversation.systemInstruction() != null) {
      body.set("systemInstruction", conversation.systemInstruction());
    }
    if (!request.tools().isEmpty()) {
      body.set("tools", GeminiToolsEncoder.tools(request.tools()));
    }
    if (request.toolChoice() != null) {
      body.set("toolConfig", GeminiToolsEncoder.toolConfig(request.toolChoice()));
    }
    JsonNode safety = request.extra().get("safety_settings");
    if (safety != null && !safety.isNull()) {
      if (!safety.isArray()) {
        throw GatewayException.badRequest("safety_settings: " + safety.getNodeType().name().toLowerCase(
            java.util.Locale.ROOT) + " (expected: an array of Gemini safety settings {category, threshold})",
            "safety_settings");
      }
      body.set("safetySettings", safety);
    }
    ObjectNode generation = generationConfig(request, model);
    if (!generation.isEmpty()) {
      body.set("generationConfig", generation);
    }
    return body;
  }

  private static ObjectNode generationConfig(ChatRequest request, String model) {
    ObjectNode config = GeminiJson.object();
    GENERATION_NUMBERS.forEach((field, value) -> {
      Number number = value.apply(request);
      if (number != null) {
        config.set(field, GeminiJson.MAPPER.valueToTree(number));
      }
    });
    if (!request.stop().isEmpty()) {
      request.stop().forEach(config.putArray("stopSequences")::add);
    }
    switch (request.responseFormat()) {
      case ResponseFormat.JsonObject json -> config.put("responseMimeType", JSON);
      case ResponseFormat.JsonSchema schema -> {
        config.put("responseMimeType", JSON);
        if (schema.schema() != null) {
          config.set("responseSchema",
              GeminiSchemaFilter.schema(schema.schema(), "response_format.json_schema.schema"));
        }
      }
      case ResponseFormat.Text text -> { }
      case null -> { }
    }
    ObjectNode thinking = GeminiThinking.config(request, model);
    if (thinking != null) {
      config.set("thinkingConfig", thinking);
    }
    return config;
  }

  private static Integer seed(ChatRequest request) {
    Long seed = request.seed();
    if (seed == null) {
      return null;
    }
    if (seed < Integer.MIN_VALUE || seed > Integer.MAX_VALUE) {
      throw GatewayException.badRequest("seed: " + seed + " (expected: a 32-bit integer; Gemini's seed is an int32)",
          "seed");
    }
    return seed.intValue();
  }

  private static Number topK(ChatRequest request) {
    JsonNode topK = request.extra().get("top_k");
    if (topK == null || topK.isNull()) {
      return null;
    }
    if (!topK.isIntegralNumber() || !topK.canConvertToInt() || topK.intValue() < 1) {
      throw GatewayException.badRequest("top_k: " + topK + " (expected: a positive integer)", "top_k");
    }
    return topK.intValue();
  }
}
