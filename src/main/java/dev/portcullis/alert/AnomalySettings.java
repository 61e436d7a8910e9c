package dev.portcullis.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.error.GatewayException;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/**
 * A workspace's anomaly thresholds (its keys use them too).
 *
 * @param minRequests requests a minute needs before it is judged (fewer: no alert, the baseline still learns)
 * @param warmupMinutes minutes with traffic a baseline needs before anything is judged against it
 * @param cooldownMinutes after an alert, minutes before the same signal of the same key or workspace alerts again
 * @param costSpikeRatio a minute's cost at least this many times its baseline
 * @param tokenBurnRatio a minute's tokens at least this many times its baseline
 * @param responseLengthRatio mean output tokens this many times its baseline, or this many times below it
 * @param modelShiftShare a model's share of the requests above its baseline share by at least this (0..1)
 * @param errorRateIncrease the error rate above its baseline by at least this (0..1), and at least twice it
 */
public record AnomalySettings(boolean enabled, int minRequests, int warmupMinutes, int cooldownMinutes,
    double costSpikeRatio, double tokenBurnRatio, double responseLengthRatio, double modelShiftShare,
    double errorRateIncrease) {

  public static final AnomalySettings DEFAULTS = new AnomalySettings(true, 10, 30, 30, 3.0, 3.0, 2.0, 0.5, 0.2);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> FIELDS = Set.of("enabled", "min_requests", "warmup_minutes", "cooldown_minutes",
      "cost_spike_ratio", "token_burn_ratio", "response_length_ratio", "model_shift_share", "error_rate_increase");

  /** The settings {@code body} gives, each missing field taken from {@code base}; a 400 names a bad field. */
  public static AnomalySettings parse(JsonNode body, AnomalySettings base) {
    if (body == null || !body.isObject()) {
      throw GatewayException.badRequest("body: not an object (expected: anomaly settings fields)");
    }
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!FIELDS.contains(f)) {
        throw GatewayException.badRequest(f + ": unknown field (expected one of: " + String.join(", ",
            new TreeSet<>(FIELDS)) + ")", f);
      }
    }
    JsonNode enabled = body.get("enabled");
    if (enabled != null && !enabled.isBoolean()) {
      throw GatewayException.badRequest("enabled: " + enabled + " (expected: true or false)", "enabled");
    }
    return new AnomalySettings(enabled == null ? base.enabled() : enabled.asBoolean(),
        whole(body, "min_requests", base.minRequests(), 1, 1_000_000),
        whole(body, "warmup_minutes", base.warmupMinutes(), 1, 10_080),
        whole(body, "cooldown_minutes", base.cooldownMinutes(), 1, 10_080),
        number(body, "cost_spike_ratio", base.costSpikeRatio(), 1.1, 1000),
        number(body, "token_burn_ratio", base.tokenBurnRatio(), 1.1, 1000),
        number(body, "response_length_ratio", base.responseLengthRatio(), 1.1, 1000),
        number(body, "model_shift_share", base.modelShiftShare(), 0.05, 1),
        number(body, "error_rate_increase", base.errorRateIncrease(), 0.01, 1));
  }

  public ObjectNode toJson() {
    return JSON.createObjectNode().put("enabled", enabled).put("min_requests", minRequests)
        .put("warmup_minutes", warmupMinutes).put("cooldown_minutes", cooldownMinutes)
        .put("cost_spike_ratio", costSpikeRatio).put("token_burn_ratio", tokenBurnRatio)
        .put("response_length_ratio", responseLengthRatio).put("model_shift_share", modelShiftShare)
        .put("error_rate_increase", errorRateIncrease);
  }

  private static int whole(JsonNode body, String field, int fallback, int min, int max) {
    JsonNode v = body.get(field);
    if (v == null) {
      return fallback;
    }
    if (!v.isIntegralNumber() || v.asLong() < min || v.asLong() > max) {
      throw GatewayException.badRequest(field + ": " + v + " (expected: an integer " + min + ".." + max + ")", field);
    }
    return v.asInt();
  }

  private static double number(JsonNode body, String field, double fallback, double min, double max) {
    JsonNode v = body.get(field);
    if (v == null) {
      return fallback;
    }
    if (!v.isNumber() || v.asDouble() < min || v.asDouble() > max) {
      throw GatewayException.badRequest(field + ": " + v + " (expected: a number " + min + ".." + max + ")", field);
    }
    return v.asDouble();
  }
}
