package dev.portcullis.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.error.GatewayException;
import dev.portcullis.observe.RequestLogQuery;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an operator declares about an AI system. Only {@code name} and {@code match} are required: anything else left
 * out is reported as a gap in the system's documentation, never filled in.
 *
 * @param deployerRole the operator's role for this system, in its own words (e.g. deployer, provider)
 * @param riskCategory as the operator classifies the system, or null when not yet classified
 * @param humanOversight the human oversight measures in place, as declared
 */
public record AiSystemDeclaration(String name, String purpose, String owner, String deployerRole,
    RiskCategory riskCategory, String intendedUsers, String humanOversight, AiSystemMatch match) {

  private static final Set<String> FIELDS = Set.of("name", "purpose", "owner", "deployer_role", "risk_category",
      "intended_users", "human_oversight", "match");
  private static final Set<String> MATCHES = Set.of("api_keys", "workspaces", "metadata");
  private static final int MAX_TEXT = 4_000;

  /**
   * Reads a declaration from its JSON fields.
   *
   * @throws GatewayException.BadRequest naming the first bad field, its value and what was expected
   */
  public static AiSystemDeclaration parse(ObjectNode body) {
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!FIELDS.contains(field)) {
        throw GatewayException.badRequest(field + ": unknown field (expected one of: "
            + String.join(", ", new TreeSet<>(FIELDS)) + ")", field);
      }
    }
    String name = text(body, "name");
    if (name == null || name.isBlank()) {
      throw GatewayException.badRequest("name: missing (expected: the AI system's name)", "name");
    }
    String risk = text(body, "risk_category");
    return new AiSystemDeclaration(name, text(body, "purpose"), text(body, "owner"), text(body, "deployer_role"),
        risk == null ? null : RiskCategory.parse(risk), text(body, "intended_users"), text(body, "human_oversight"),
        match(body.get("match")));
  }

  public ObjectNode toJson() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("name", name);
    json.put("purpose", purpose);
    json.put("owner", owner);
    json.put("deployer_role", deployerRole);
    json.put("risk_category", riskCategory == null ? null : riskCategory.wireName());
    json.put("intended_users", intendedUsers);
    json.put("human_oversight", humanOversight);
    json.set("match", match.toJson());
    return json;
  }

  private static String text(ObjectNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual() || v.asText().length() > MAX_TEXT) {
      throw GatewayException.badRequest(field + ": " + abbreviated(v) + " (expected: a string of at most " + MAX_TEXT
          + " characters)", field);
    }
    return v.asText();
  }

  private static AiSystemMatch match(JsonNode v) {
    String expected = " (expected: an object with exactly one of api_keys: [key ids], workspaces: [workspace ids], "
        + "metadata: {key, value})";
    if (v == null || v.isNull()) {
      throw GatewayException.badRequest("match: missing" + expected, "match");
    }
    if (!v.isObject() || v.size() != 1 || !MATCHES.contains(v.fieldNames().next())) {
      throw GatewayException.badRequest("match: " + abbreviated(v) + expected, "match");
    }
    String kind = v.fieldNames().next();
    JsonNode inner = v.get(kind);
    return switch (kind) {
      case "api_keys" -> new AiSystemMatch.ApiKeys(ids("match.api_keys", inner));
      case "workspaces" -> new AiSystemMatch.Workspaces(ids("match.workspaces", inner));
      default -> metadata(inner);
    };
  }

  private static List<String> ids(String field, JsonNode v) {
    if (!v.isArray() || v.isEmpty()) {
      throw GatewayException.badRequest(field + ": " + abbreviated(v) + " (expected: a non-empty array of ids)",
          "match");
    }
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      if (!v.get(i).isTextual() || v.get(i).asText().isBlank()) {
        throw GatewayException.badRequest(field + "[" + i + "]: " + abbreviated(v.get(i))
            + " (expected: a non-empty string)", "match");
      }
      ids.add(v.get(i).asText());
    }
    return ids;
  }

  private static AiSystemMatch metadata(JsonNode v) {
    JsonNode key = v.get("key");
    JsonNode value = v.get("value");
    if (!v.isObject() || v.size() != 2 || key == null || value == null || !key.isTextual() || !value.isTextual()) {
      throw GatewayException.badRequest("match.metadata: " + abbreviated(v)
          + " (expected: {\"key\": \"ai_system\", \"value\": \"...\"}, both strings)", "match");
    }
    if (!RequestLogQuery.METADATA_KEY.matcher(key.asText()).matches()) {
      throw GatewayException.badRequest("match.metadata.key: '" + key.asText()
          + "' (expected: 1..64 of the characters A-Z a-z 0-9 _ . -)", "match");
    }
    return new AiSystemMatch.Metadata(key.asText(), value.asText());
  }

  private static String abbreviated(JsonNode v) {
    String text = v.toString();
    return text.length() > 80 ? text.substring(0, 80) + "..." : text;
  }
}
