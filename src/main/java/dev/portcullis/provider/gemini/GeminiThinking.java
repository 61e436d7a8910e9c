package dev.portcullis.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.error.GatewayException;
import dev.portcullis.model.ChatRequest;
import java.util.Map;

/**
 * {@code generationConfig.thinkingConfig} from the request: OpenAI's {@code reasoning_effort} through a table, or
 * Portkey's {@code thinking} object ({@code {"type":"enabled","budget_tokens":N}}) as an explicit budget, which wins
 * when both are given. Whenever thinking is asked for, thought summaries are asked for too, so they come back as
 * {@code reasoning_content}.
 */
final class GeminiThinking {

  /**
   * Gemini 2.x takes a token budget: Google's own mapping for its OpenAI-compatible endpoint (low 1K, medium 8K,
   * high 24K, none off), plus {@code minimal} at 512, the smallest budget every 2.5 model accepts.
   */
  private static final Map<String, Integer> BUDGETS =
      Map.of("none", 0, "minimal", 512, "low", 1024, "medium", 8192, "high", 24576);
  /** Gemini 3 takes a level; it cannot switch thinking off, so {@code none} asks for the least. */
  private static final Map<String, String> LEVELS =
      Map.of("none", "minimal", "minimal", "minimal", "low", "low", "medium", "medium", "high", "high");

  private GeminiThinking() {}

  /**
   * The thinking config, or null when the request asks for none.
   *
   * @throws GatewayException.BadRequest when {@code reasoning_effort} or {@code thinking} is not a known value
   */
  static ObjectNode config(ChatRequest request, String model) {
    JsonNode thinking = request.extra().get("thinking");
    if (thinking != null && !thinking.isNull()) {
      return explicit(thinking);
    }
    String effort = request.reasoningEffort();
    if (effort == null) {
      return null;
    }
    if (!BUDGETS.containsKey(effort)) {
      throw GatewayException.badRequest("reasoning_effort: '" + effort
          + "' (expected: none, minimal, low, medium or high)", "reasoning_effort");
    }
    ObjectNode config = GeminiJson.object();
    if (GeminiGeneration.atLeastThree(model)) {
      config.put("thinkingLevel", LEVELS.get(effort));
    } else {
      config.put("thinkingBudget", BUDGETS.get(effort));
    }
    if (!effort.equals("none")) {
      config.put("includeThoughts", true);
    }
    return config;
  }

  private static ObjectNode explicit(JsonNode thinking) {
    String type = thinking.path("type").asText();
    JsonNode budget = thinking.get("budget_tokens");
    ObjectNode config = GeminiJson.object();
    if (type.equals("disabled")) {
      return config.put("thinkingBudget", 0);
    }
    if (!type.equals("enabled") || (budget != null && !budget.canConvertToInt())) {
      throw GatewayException.badRequest("thinking: " + thinking + " (expected: {\"type\": \"enabled\", "
          + "\"budget_tokens\": <tokens>} or {\"type\": \"disabled\"})", "thinking");
    }
    config.put("includeThoughts", true);
    if (budget != null) {
      config.put("thinkingBudget", budget.intValue());
    }
    return config;
  }
}
