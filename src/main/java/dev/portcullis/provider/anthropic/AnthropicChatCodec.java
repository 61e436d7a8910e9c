package dev.portcullis.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.error.GatewayException;
import dev.portcullis.model.ChatRequest;
import dev.portcullis.model.ChatResponse;
import dev.portcullis.model.FinishReason;
import dev.portcullis.model.MaxTokens;
import dev.portcullis.model.ToolChoice;
import dev.portcullis.provider.ChatCodec;
import dev.portcullis.provider.ChunkDecoder;
import dev.portcullis.provider.UnsupportedParameters;
import dev.portcullis.provider.WireRequest;
import dev.portcullis.provider.Target;
import io.vertx.core.buffer.Buffer;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * OpenAI chat to and from Anthropic's Messages API. The request's renames, clamps and defaults are the tables
 * below; the message shapes Anthropic wants (system lifted to the top, alternating turns, content blocks) are
 * {@link AnthropicMessageWriter}'s. Answers come back through {@link AnthropicResponseReader} and
 * {@link AnthropicStreamDecoder}.
 *
 * <p>{@code response_format} has no Messages parameter: it becomes a last system block asking for a JSON object
 * (and naming the schema), so the answer is JSON by instruction, not by constraint.
 */
public final class AnthropicChatCodec implements ChatCodec {

  /** Anthropic requires {@code max_tokens}; this is sent when the client sets no cap. */
  static final int DEFAULT_MAX_TOKENS = 4096;
  /** Anthropic's temperature range is 0..1 where OpenAI's is 0..2: higher values are sent as this. */
  static final double MAX_TEMPERATURE = 1.0;
  /** OpenAI parameters the Messages API has no equivalent for. */
  static final Set<String> UNSUPPORTED = Set.of(
      "n", "seed", "presence_penalty", "frequency_penalty", "logit_bias", "logprobs", "top_logprobs", "metadata");
  /** Anthropic parameters a client may send next to the OpenAI ones, passed on as given. */
  static final Set<String> READ_EXTRAS = Set.of("top_k", "thinking");
  /** {@code reasoning_effort} as an extended-thinking budget; {@code none} turns thinking off. */
  static final Map<String, Integer> THINKING_BUDGETS =
      Map.of("minimal", 1024, "low", 2048, "medium", 8192, "high", 16384);
  static final String NO_REASONING = "none";
  /** OpenAI tool-choice modes as Anthropic {@code tool_choice.type}s; a named function becomes {@code tool}. */
  static final Map<ToolChoice.Mode, String> TOOL_CHOICE_TYPES =
      Map.of(ToolChoice.Mode.AUTO, "auto", ToolChoice.Mode.REQUIRED, "any", ToolChoice.Mode.NONE, "none");
  /** Anthropic stop reasons as OpenAI finish reasons; any other (e.g. {@code pause_turn}) is kept verbatim. */
  static final Map<String, FinishReason> FINISH_REASONS = Map.of(
      "end_turn", FinishReason.STOP,
      "stop_sequence", FinishReason.STOP,
      "max_tokens", FinishReason.LENGTH,
      "model_context_window_exceeded", FinishReason.LENGTH,
      "tool_use", FinishReason.TOOL_CALLS,
      "refusal", FinishReason.CONTENT_FILTER);

  private final AnthropicPlatform platform;
  private final Clock clock;

  private AnthropicChatCodec(AnthropicPlatform platform, Clock clock) {
    this.platform = platform;
    this.clock = clock;
  }

  /** The codec for Anthropic's own API, {@code POST {base}/messages}. */
  static AnthropicChatCodec direct(Clock clock) {
    return new AnthropicChatCodec(AnthropicPlatform.DIRECT, clock);
  }

  /**
   * The codec for Claude on Vertex AI: requests go to
   * {@code {base}/projects/{vertex_project_id}/locations/{vertex_region}/publishers/anthropic/models/{model}:rawPredict}
   * ({@code :streamRawPredict} when streaming) with the model in the URL and {@code anthropic_version} in the body;
   * answers and streams read as Anthropic's. Authorization is the caller's (a Google access token).
   */
  public static AnthropicChatCodec onVertex(Clock clock) {
    return new AnthropicChatCodec(AnthropicPlatform.VERTEX, clock);
  }

  @Override
  public WireRequest request(ChatRequest request, Target target, boolean strict) {
    String providerId = target.provider().id();
    List<String> dropped = UnsupportedParameters.check(request, UNSUPPORTED, READ_EXTRAS, providerId, strict);
    String model = target.model() != null ? target.model() : request.model();
    JsonNode thinking = thinking(request);
    Integer budget = budget(thinking);
    int maxTokens = maxTokens(request.maxTokens(), budget);
    Double temperature = request.temperature() == null ? null
        : Math.clamp(request.temperature(), 0.0, MAX_TEMPERATURE);
    byte[] body = new AnthropicRequestWriter(request, providerId)
        .write(platform, model, maxTokens, temperature, thinking);
    return WireRequest.postJson(platform.url(target, model, request.stream()), body, dropped);
  }

  @Override
  public ChatResponse response(Buffer body, ChatRequest request, Target target) {
    return AnthropicResponseReader.read(body, target.provider().id(), clock.instant().getEpochSecond());
  }

  @Override
  public ChunkDecoder stream(ChatRequest request, Target target) {
    return new AnthropicStreamDecoder(target.provider().id(), target.credential(), clock.instant().getEpochSecond());
  }

  /** The OpenAI finish reason of an Anthropic stop reason, or null when there is none yet. */
  static FinishReason finishReason(String stopReason) {
    if (stopReason == null) {
      return null;
    }
    FinishReason known = FINISH_REASONS.get(stopReason);
    return known != null ? known : FinishReason.of(stopReason);
  }

  /** The client's own {@code thinking} object, else one built from {@code reasoning_effort}, else null. */
  private static JsonNode thinking(ChatRequest request) {
    JsonNode given = request.extra().get("thinking");
    String effort = request.reasoningEffort();
    if (given != null || effort == null || effort.equals(NO_REASONING)) {
      return given;
    }
    Integer budget = THINKING_BUDGETS.get(effort);
    if (budget == null) {
      throw GatewayException.badRequest("reasoning_effort: '" + effort + "' (expected: one of " + NO_REASONING + ", "
          + String.join(", ", THINKING_BUDGETS.entrySet().stream().sorted(Map.Entry.comparingByValue())
              .map(Map.Entry::getKey).toList()) + ")", "reasoning_effort");
    }
    ObjectNode built = AnthropicJson.MAPPER.createObjectNode();
    built.put("type", "enabled");
    built.put("budget_tokens", budget);
    return built;
  }

  private static Integer budget(JsonNode thinking) {
    if (thinking == null || !"enabled".equals(thinking.path("type").asText())
        || !thinking.path("budget_tokens").canConvertToInt()) {
      return null;
    }
    return thinking.get("budget_tokens").intValue();
  }

  /**
   * The client's cap, or the default; thinking counts against {@code max_tokens}, so without a cap the default is
   * added to the budget, and a cap at or below the budget is refused rather than sent to fail upstream.
   */
  private static int maxTokens(MaxTokens cap, Integer budget) {
    if (cap == null) {
      return budget == null ? DEFAULT_MAX_TOKENS : budget + DEFAULT_MAX_TOKENS;
    }
    if (budget != null && cap.value() <= budget) {
      String field = cap.field() == MaxTokens.Field.MAX_TOKENS ? "max_tokens" : "max_completion_tokens";
      throw GatewayException.badRequest(field + ": " + cap.value() + " (expected: more than the thinking budget of "
          + budget + " tokens, which it includes)", field);
    }
    return cap.value();
  }
}
