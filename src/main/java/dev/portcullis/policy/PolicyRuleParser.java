package dev.portcullis.policy;

import static dev.portcullis.condition.JsonValueText.describe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.condition.ConditionQuery;
import dev.portcullis.condition.ConditionQueryParser;
import dev.portcullis.error.GatewayException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Reads a rule's JSON into a {@link PolicyRule}, refusing anything it could not enforce with a 400 naming the field,
 * the value and what was expected; and writes a rule back as the JSON it is stored and shown as.
 */
public final class PolicyRuleParser {

  /** The fields of a rule's body (besides {@code workspace_id}, which says where it is stored). */
  public static final List<String> FIELDS = List.of("name", "priority", "target", "action", "conditions", "limit",
      "log_content");
  private static final List<String> LIMIT_FIELDS = List.of("requests", "tokens", "dollars", "per", "scope",
      "soft_limit");
  private static final ConditionQueryParser CONDITIONS = new ConditionQueryParser(PolicyFacts.NAMED, "conditions");

  private PolicyRuleParser() {}

  public static PolicyRule parse(JsonNode body, String id, int version, String workspaceId, Instant createdAt) {
    if (body == null || !body.isObject()) {
      throw bad("rule", describe(body), "an object with name, target and action");
    }
    for (String field : (Iterable<String>) body::fieldNames) {
      if (!FIELDS.contains(field) && !field.equals("workspace_id")) {
        throw bad(field, "unknown field", "some of " + String.join(", ", FIELDS) + ", workspace_id");
      }
    }
    String name = text(body, "name");
    if (name.length() > 200) {
      throw bad("name", name.length() + " characters", "at most 200");
    }
    JsonNode priorityJson = body.get("priority");
    int priority = 0;
    if (priorityJson != null && !priorityJson.isNull()) {
      if (!priorityJson.canConvertToInt() || !priorityJson.isIntegralNumber()) {
        throw bad("priority", describe(priorityJson), "a whole number");
      }
      priority = priorityJson.intValue();
    }
    RuleAction action = choice(body, "action", RuleAction.class);
    RuleTarget target = target(body.get("target"));
    JsonNode conditionsJson = body.get("conditions");
    ConditionQuery conditions = null;
    boolean none = conditionsJson == null || conditionsJson.isNull()
        || (conditionsJson.isObject() && conditionsJson.isEmpty());
    if (!none) {
      conditions = CONDITIONS.parse(flattened(conditionsJson), "conditions");
    } else {
      conditionsJson = null;
    }
    RuleLimit limit = limit(body.get("limit"));
    if (limit != null && action != RuleAction.ALLOW) {
      throw bad("limit", "set on a rule with action '" + action.wireName() + "'",
          "a limit only on an allow rule, which admits matching requests until the limit is spent");
    }
    JsonNode log = body.get("log_content");
    if (log != null && !log.isNull() && !log.isBoolean()) {
      throw bad("log_content", describe(log), "true or false");
    }
    return new PolicyRule(id, version, workspaceId, name, priority, target, action, conditions,
        conditionsJson == null ? null : conditionsJson.deepCopy(), limit, log != null && log.asBoolean(), createdAt);
  }

  /**
   * The conditions with {@code {"metadata": {"team": ...}}} read as {@code {"metadata.team": ...}} (the nested form
   * Portkey's policy examples use); everything else as it is.
   */
  private static JsonNode flattened(JsonNode conditions) {
    if (!conditions.isObject() || !(conditions.get("metadata") instanceof ObjectNode nested)) {
      return conditions;
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    conditions.properties().forEach(e -> {
      if (e.getKey().equals("metadata")) {
        nested.properties().forEach(m -> out.set("metadata." + m.getKey(), m.getValue()));
      } else {
        out.set(e.getKey(), e.getValue());
      }
    });
    return out;
  }

  /** The rule as stored and shown, without its id, version and workspace. */
  public static ObjectNode toJson(PolicyRule rule) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("name", rule.name());
    json.put("priority", rule.priority());
    json.set("target", rule.target().toJson());
    json.put("action", rule.action().wireName());
    json.set("conditions", rule.conditionsJson());
    json.set("limit", rule.limit() == null ? null : limitJson(rule.limit()));
    json.put("log_content", rule.logContent());
    return json;
  }

  static ObjectNode limitJson(RuleLimit limit) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    if (limit.measure() == RuleLimit.Measure.DOLLARS) {
      json.put(limit.measure().wireName(), limit.amount());
    } else {
      json.put(limit.measure().wireName(), limit.amount().longValueExact());
    }
    json.put("per", limit.per().wireName());
    json.put("scope", limit.scope().toString());
    if (limit.softAmount() != null) {
      json.put("soft_limit", limit.softAmount());
    }
    return json;
  }

  private static RuleTarget target(JsonNode json) {
    if (json == null || json.isNull()) {
      throw bad("target", "missing", "an object such as {\"kind\": \"llm_model\", \"model\": \"gpt-4o*\"}");
    }
    if (!json.isObject()) {
      throw bad("target", describe(json), "an object such as {\"kind\": \"any\"}");
    }
    RuleTarget.Kind kind = choice(json, "kind", RuleTarget.Kind.class, "target.kind");
    for (String field : (Iterable<String>) json::fieldNames) {
      if (!field.equals("kind") && !field.equals(kind.field())) {
        throw bad("target." + field, "unknown field for kind " + kind.wireName(),
            kind.field() == null ? "only kind" : "kind and " + kind.field());
      }
    }
    if (kind == RuleTarget.Kind.ANY) {
      return RuleTarget.ANY;
    }
    JsonNode pattern = json.get(kind.field());
    if (pattern == null || !pattern.isTextual() || pattern.textValue().isBlank()) {
      throw bad("target." + kind.field(), pattern == null ? "missing" : describe(pattern),
          "a name or a pattern with * and ?");
    }
    return new RuleTarget(kind, new Glob(pattern.textValue()));
  }

  private static RuleLimit limit(JsonNode json) {
    if (json == null || json.isNull()) {
      return null;
    }
    if (!json.isObject()) {
      throw bad("limit", describe(json), "an object {requests | tokens | dollars: N, per, scope}");
    }
    for (String field : (Iterable<String>) json::fieldNames) {
      if (!LIMIT_FIELDS.contains(field)) {
        throw bad("limit." + field, "unknown field", "one of requests, tokens or dollars, with per, scope and "
            + "soft_limit");
      }
    }
    RuleLimit.Measure measure = null;
    BigDecimal amount = null;
    for (RuleLimit.Measure m : RuleLimit.Measure.values()) {
      JsonNode v = json.get(m.wireName());
      if (v == null || v.isNull()) {
        continue;
      }
      if (measure != null) {
        throw bad("limit", "both " + measure.wireName() + " and " + m.wireName(), "one of them per rule");
      }
      boolean whole = m != RuleLimit.Measure.DOLLARS;
      if (!v.isNumber() || v.decimalValue().signum() <= 0 || (whole && !v.isIntegralNumber())
          || v.decimalValue().compareTo(BigDecimal.valueOf(1_000_000_000_000L)) > 0) {
        throw bad("limit." + m.wireName(), describe(v), whole ? "a whole number above 0" : "an amount in USD above 0");
      }
      measure = m;
      amount = v.decimalValue();
    }
    if (measure == null) {
      throw bad("limit", "no amount", "one of requests, tokens or dollars");
    }
    Period per = choice(json, "per", Period.class, "limit.per");
    if (per == Period.NONE && measure != RuleLimit.Measure.DOLLARS) {
      throw bad("limit.per", "'none'", "minute, hour, day, week or month; only a dollar budget may never reset");
    }
    return new RuleLimit(measure, amount, per, scope(json.get("scope")), softLimit(json.get("soft_limit"), measure,
        amount));
  }

  /** A budget's soft limit: dollars above 0 and below the budget. */
  private static BigDecimal softLimit(JsonNode v, RuleLimit.Measure measure, BigDecimal amount) {
    if (v == null || v.isNull()) {
      return null;
    }
    if (measure != RuleLimit.Measure.DOLLARS) {
      throw bad("limit.soft_limit", describe(v), "no soft_limit on a " + measure.wireName() + " limit; only a dollar "
          + "budget has one");
    }
    if (!v.isNumber() || v.decimalValue().signum() <= 0 || v.decimalValue().compareTo(amount) >= 0) {
      throw bad("limit.soft_limit", describe(v), "an amount in USD above 0 and below the budget's " + amount
          .toPlainString());
    }
    return v.decimalValue();
  }

  private static LimitScope scope(JsonNode json) {
    if (json == null || json.isNull()) {
      return new LimitScope(LimitScope.Kind.KEY, null);
    }
    String text = json.isTextual() ? json.textValue() : "";
    if (text.startsWith("metadata.") && text.length() > "metadata.".length()) {
      return new LimitScope(LimitScope.Kind.METADATA, text.substring("metadata.".length()));
    }
    for (LimitScope.Kind k : List.of(LimitScope.Kind.KEY, LimitScope.Kind.USER, LimitScope.Kind.WORKSPACE)) {
      if (text.equals(k.name().toLowerCase(Locale.ROOT))) {
        return new LimitScope(k, null);
      }
    }
    throw bad("limit.scope", describe(json), "key, user, workspace or metadata.<key>");
  }

  private static String text(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || !v.isTextual() || v.textValue().isBlank()) {
      throw bad(field, v == null ? "missing" : describe(v), "a non-empty string");
    }
    return v.textValue();
  }

  private static <E extends Enum<E>> E choice(JsonNode json, String field, Class<E> type) {
    return choice(json, field, type, field);
  }

  private static <E extends Enum<E>> E choice(JsonNode json, String field, Class<E> type, String path) {
    JsonNode v = json.get(field);
    String expected = Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT))
        .collect(Collectors.joining(", "));
    if (v != null && v.isTextual()) {
      for (E e : type.getEnumConstants()) {
        if (e.name().toLowerCase(Locale.ROOT).equals(v.textValue())) {
          return e;
        }
      }
    }
    throw bad(path, v == null ? "missing" : describe(v), "one of " + expected);
  }

  private static GatewayException bad(String path, String what, String expected) {
    return GatewayException.badRequest(path + ": " + what + " (expected: " + expected + ")", path);
  }
}
