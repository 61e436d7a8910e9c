package dev.portcullis.provider;

import dev.portcullis.error.GatewayException;
import dev.portcullis.model.ChatRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Finds the OpenAI parameters of a chat request that a provider cannot take: those its codec declares unsupported,
 * and every unknown top-level field the codec does not read. They are dropped (and named in a response header), or,
 * under {@code strict_open_ai_compliance}, refused with a 400 that names them.
 */
public final class UnsupportedParameters {

  /** Every canonical parameter a codec may declare unsupported, by its OpenAI name, with how to tell it was set. */
  private static final Map<String, Predicate<ChatRequest>> SET = new LinkedHashMap<>();

  static {
    SET.put("temperature", r -> r.temperature() != null);
    SET.put("top_p", r -> r.topP() != null);
    SET.put("n", r -> r.n() != null && r.n() != 1);
    SET.put("stop", r -> !r.stop().isEmpty());
    SET.put("seed", r -> r.seed() != null);
    SET.put("presence_penalty", r -> r.presencePenalty() != null);
    SET.put("frequency_penalty", r -> r.frequencyPenalty() != null);
    SET.put("logit_bias", r -> !r.logitBias().isEmpty());
    SET.put("logprobs", r -> Boolean.TRUE.equals(r.logprobs()));
    SET.put("top_logprobs", r -> r.topLogprobs() != null);
    SET.put("response_format", r -> r.responseFormat() != null);
    SET.put("tools", r -> !r.tools().isEmpty());
    SET.put("tool_choice", r -> r.toolChoice() != null);
    SET.put("parallel_tool_calls", r -> r.parallelToolCalls() != null);
    SET.put("reasoning_effort", r -> r.reasoningEffort() != null);
    SET.put("user", r -> r.user() != null);
    SET.put("metadata", r -> !r.metadata().isEmpty());
  }

  private UnsupportedParameters() {}

  /**
   * The parameters to drop, in a stable order: declared-unsupported ones that are set, then unknown fields.
   *
   * @param unsupported OpenAI names of the canonical parameters this provider lacks
   * @param readExtras unknown top-level fields the codec does read (e.g. Anthropic's {@code top_k})
   * @throws GatewayException.BadRequest in strict mode, when anything would be dropped
   */
  public static List<String> check(ChatRequest request, Set<String> unsupported, Set<String> readExtras,
      String providerId, boolean strict) {
    List<String> dropped = new ArrayList<>(0);
    SET.forEach((name, isSet) -> {
      if (unsupported.contains(name) && isSet.test(request)) {
        dropped.add(name);
      }
    });
    for (String extra : request.extra().keySet()) {
      if (!readExtras.contains(extra)) {
        dropped.add(extra);
      }
    }
    if (strict && !dropped.isEmpty()) {
      throw GatewayException.badRequest("provider '" + providerId + "' does not support: " + String.join(", ", dropped)
          + " (expected: a request without them, or strict_open_ai_compliance off to drop them)", dropped.getFirst());
    }
    return dropped;
  }
}
