package dev.portcullis.policy;

import static dev.portcullis.condition.JsonValueText.describe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.error.GatewayException;
import java.util.Map;
import java.util.Set;

/**
 * The simple limit forms Portkey users put on a key, read into rule limits: {@code budget}
 * {@code {"amount": 100, "reset_strategy": "daily" | "weekly" | "monthly" | "none"}} and {@code rate_limit}
 * {@code {"requests" | "tokens": N, "per": "minute" | "hour" | "day"}}. A form given as JSON null removes the limit.
 *
 * @param budget the budget's limit JSON, JSON null to remove it, or null when not given
 * @param rateLimit the rate limit's limit JSON, JSON null to remove it, or null when not given
 */
public record KeyLimitForms(JsonNode budget, JsonNode rateLimit) {

  private static final Map<String, String> RESETS = Map.of("daily", "day", "weekly", "week", "monthly", "month",
      "none", "none");

  /**
   * Reads the forms, refusing a bad one with a 400 before anything is stored.
   *
   * @param scope what the limits count per: {@code key} for a gateway key, {@code workspace} for a virtual key
   */
  public static KeyLimitForms read(JsonNode budget, JsonNode rateLimit, String scope) {
    return new KeyLimitForms(budget == null ? null : budget.isNull() ? budget : budget(budget, scope),
        rateLimit == null ? null : rateLimit.isNull() ? rateLimit : rate(rateLimit, scope));
  }

  public boolean given() {
    return budget != null || rateLimit != null;
  }

  private static JsonNode budget(JsonNode form, String scope) {
    only(form, "budget", Set.of("amount", "reset_strategy"));
    JsonNode amount = form.get("amount");
    if (amount == null || !amount.isNumber() || amount.decimalValue().signum() <= 0) {
      throw bad("budget.amount", amount == null ? "missing" : describe(amount), "an amount in USD above 0");
    }
    JsonNode reset = form.get("reset_strategy");
    String per = reset == null || reset.isNull() ? "month" : RESETS.get(reset.asText());
    if (per == null || (reset != null && !reset.isTextual())) {
      throw bad("budget.reset_strategy", describe(reset), "daily, weekly, monthly or none");
    }
    return JsonNodeFactory.instance.objectNode().put("dollars", amount.decimalValue()).put("per", per)
        .put("scope", scope);
  }

  private static JsonNode rate(JsonNode form, String scope) {
    only(form, "rate_limit", Set.of("requests", "tokens", "per"));
    ObjectNode limit = JsonNodeFactory.instance.objectNode();
    for (String measure : new String[] {"requests", "tokens"}) {
      JsonNode n = form.get(measure);
      if (n != null && !n.isNull()) {
        if (limit.size() > 0) {
          throw bad("rate_limit", "both requests and tokens", "one of them");
        }
        if (!n.isIntegralNumber() || n.longValue() <= 0) {
          throw bad("rate_limit." + measure, describe(n), "a whole number above 0");
        }
        limit.put(measure, n.longValue());
      }
    }
    if (limit.isEmpty()) {
      throw bad("rate_limit", "no amount", "requests or tokens");
    }
    JsonNode per = form.get("per");
    if (per == null || !Set.of("minute", "hour", "day").contains(per.asText()) || !per.isTextual()) {
      throw bad("rate_limit.per", per == null ? "missing" : describe(per), "minute, hour or day");
    }
    return limit.put("per", per.asText()).put("scope", scope);
  }

  private static void only(JsonNode form, String field, Set<String> known) {
    if (!form.isObject()) {
      throw bad(field, describe(form), "an object {" + String.join(", ", known) + "}");
    }
    form.fieldNames().forEachRemaining(f -> {
      if (!known.contains(f)) {
        throw bad(field + "." + f, "unknown field", "some of " + String.join(", ", known));
      }
    });
  }

  private static GatewayException bad(String path, String what, String expected) {
    return GatewayException.badRequest(path + ": " + what + " (expected: " + expected + ")", path);
  }
}
