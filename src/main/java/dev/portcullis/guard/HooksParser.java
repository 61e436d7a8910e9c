package dev.portcullis.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.error.GatewayException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the guardrail keys of a routing config node into {@link Hooks}, in Portkey's syntax:
 * <ul>
 *   <li>{@code before_request_hooks} / {@code after_request_hooks}: guardrails
 *       {@code {"type": "guardrail", "id", "checks": [{"id", "parameters"}], "deny"}};</li>
 *   <li>{@code input_guardrails} / {@code output_guardrails}: saved guardrail ids, or inline guardrails in either
 *       form: the full one above, or the shorthand {@code {"default.contains": {...parameters}, "deny": true}}.</li>
 * </ul>
 * Any of them may name a saved guardrail by its id (a string). Every error is a 400 naming the path.
 */
public final class HooksParser {

  private static final List<String> GUARDRAIL_KEYS = List.of("type", "id", "name", "checks", "deny", "async");
  private static final List<String> CHECK_KEYS = List.of("id", "name", "parameters", "is_enabled");
  private static final Set<String> SHORTHAND_KEYS = Set.of("id", "name", "deny", "async");

  private HooksParser() {}

  /**
   * The hooks of one node.
   *
   * @param json the node's guardrail keys (any of the four), or null
   * @param prefix the node's path as messages show it, ending in a dot unless empty ({@code targets[1].})
   */
  public static Hooks parse(ObjectNode json, String prefix) {
    if (json == null || json.isEmpty()) {
      return Hooks.NONE;
    }
    List<GuardrailRef> before = new ArrayList<>();
    List<GuardrailRef> after = new ArrayList<>();
    before.addAll(list(json.get("before_request_hooks"), prefix + "before_request_hooks"));
    before.addAll(list(json.get("input_guardrails"), prefix + "input_guardrails"));
    after.addAll(list(json.get("after_request_hooks"), prefix + "after_request_hooks"));
    after.addAll(list(json.get("output_guardrails"), prefix + "output_guardrails"));
    for (GuardrailRef ref : after) {
      if (ref instanceof GuardrailRef.Inline(Guardrail g) && g.callsWebhook()) {
        throw GatewayException.badRequest(prefix + "after_request_hooks: guardrail '" + g.id()
            + "' calls default.webhook (expected: webhooks in before_request_hooks or input_guardrails; answers are"
            + " not sent to webhooks yet)", CheckParams.PARAM);
      }
    }
    return new Hooks(before, after, json.toString());
  }

  /** One saved guardrail's body ({@code checks}, {@code deny}) as a guardrail named {@code id}. */
  public static Guardrail saved(String id, JsonNode checks, boolean deny, String path) {
    return new Guardrail(id, checks(checks, path + ".checks"), deny);
  }

  private static List<GuardrailRef> list(JsonNode array, String path) {
    if (array == null || array.isNull()) {
      return List.of();
    }
    if (!array.isArray()) {
      throw CheckParams.invalid(path, CheckParams.describe(array), "an array of guardrails or guardrail ids");
    }
    List<GuardrailRef> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonNode item = array.get(i);
      String at = path + "[" + i + "]";
      if (item.isTextual() && !item.asText().isBlank()) {
        out.add(new GuardrailRef.Saved(item.asText()));
      } else if (item.isObject()) {
        out.add(new GuardrailRef.Inline(item.has("checks") ? full((ObjectNode) item, at)
            : shorthand((ObjectNode) item, at)));
      } else {
        throw CheckParams.invalid(at, CheckParams.describe(item), "a saved guardrail id or a guardrail object");
      }
    }
    return out;
  }

  private static Guardrail full(ObjectNode g, String at) {
    for (Map.Entry<String, JsonNode> field : g.properties()) {
      if (!GUARDRAIL_KEYS.contains(field.getKey())) {
        throw GatewayException.badRequest(at + "." + field.getKey() + ": unknown key (allowed: "
            + String.join(", ", GUARDRAIL_KEYS) + ")", CheckParams.PARAM);
      }
    }
    JsonNode type = g.get("type");
    if (type != null && !"guardrail".equals(type.asText())) {
      throw CheckParams.invalid(at + ".type", CheckParams.describe(type), "'guardrail'");
    }
    return new Guardrail(id(g, at), checks(g.get("checks"), at + ".checks"), deny(g, at));
  }

  private static Guardrail shorthand(ObjectNode g, String at) {
    List<ConfiguredCheck> checks = new ArrayList<>();
    for (Map.Entry<String, JsonNode> field : g.properties()) {
      if (!SHORTHAND_KEYS.contains(field.getKey())) {
        checks.add(CheckCatalog.build(field.getKey(), field.getValue(), at + "." + field.getKey()));
      }
    }
    if (checks.isEmpty()) {
      throw CheckParams.invalid(at, "a guardrail without checks", "'checks', or check ids as keys such as "
          + "{\"default.contains\": {...}, \"deny\": true}");
    }
    return new Guardrail(id(g, at), checks, deny(g, at));
  }

  private static List<ConfiguredCheck> checks(JsonNode checks, String path) {
    if (checks == null || !checks.isArray() || checks.isEmpty()) {
      throw CheckParams.invalid(path, checks == null ? "missing" : CheckParams.describe(checks),
          "a non-empty array of checks {id, parameters}");
    }
    List<ConfiguredCheck> out = new ArrayList<>(checks.size());
    for (int i = 0; i < checks.size(); i++) {
      JsonNode c = checks.get(i);
      String at = path + "[" + i + "]";
      if (!c.isObject()) {
        throw CheckParams.invalid(at, CheckParams.describe(c), "a check {id, parameters}");
      }
      for (Map.Entry<String, JsonNode> field : c.properties()) {
        if (!CHECK_KEYS.contains(field.getKey())) {
          throw GatewayException.badRequest(at + "." + field.getKey() + ": unknown key (allowed: "
              + String.join(", ", CHECK_KEYS) + ")", CheckParams.PARAM);
        }
      }
      JsonNode id = c.get("id");
      if (id == null || !id.isTextual()) {
        throw CheckParams.invalid(at + ".id", id == null ? "missing" : CheckParams.describe(id), "a check id");
      }
      JsonNode enabled = c.get("is_enabled");
      if (enabled != null && !enabled.isBoolean()) {
        throw CheckParams.invalid(at + ".is_enabled", CheckParams.describe(enabled), "true or false");
      }
      ConfiguredCheck check = CheckCatalog.build(id.asText(), c.get("parameters"), at);
      if (enabled == null || enabled.asBoolean()) {
        out.add(check);
      }
    }
    return out;
  }

  private static String id(ObjectNode g, String at) {
    JsonNode id = g.get("id");
    if (id == null || id.isNull()) {
      return at;
    }
    if (!id.isTextual() || id.asText().isBlank()) {
      throw CheckParams.invalid(at + ".id", CheckParams.describe(id), "a non-empty string");
    }
    return id.asText();
  }

  private static boolean deny(ObjectNode g, String at) {
    JsonNode deny = g.get("deny");
    if (deny != null && !deny.isNull() && !deny.isBoolean()) {
      throw CheckParams.invalid(at + ".deny", CheckParams.describe(deny), "true or false");
    }
    JsonNode async = g.get("async");
    if (async != null && !async.isNull() && !(async.isBoolean() && !async.asBoolean())) {
      throw CheckParams.invalid(at + ".async", CheckParams.describe(async),
          "false (guardrails always run before the answer moves on)");
    }
    return deny != null && deny.asBoolean();
  }
}
