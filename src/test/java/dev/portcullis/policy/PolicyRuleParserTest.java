package dev.portcullis.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.error.GatewayException;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** A rule that could not be enforced is refused when it is written, naming the field and what was expected. */
class PolicyRuleParserTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static PolicyRule parse(String json) throws Exception {
    return PolicyRuleParser.parse(JSON.readTree(json), "pol-1", 1, "default", Instant.EPOCH);
  }

  @Test
  void optionalFieldsTakeTheirDefaultsAndTheRuleReadsBackAsWritten() throws Exception {
    PolicyRule rule = parse("""
        {"name": "gpt4-for-research-only", "target": {"kind": "llm_model", "model": "gpt-4o*"}, "action": "deny",
         "conditions": {"metadata": {"team": {"$nin": ["research"]}}}}""");
    assertThat(rule.priority()).isZero();
    assertThat(rule.limit()).isNull();
    assertThat(rule.logContent()).isFalse();
    assertThat(PolicyRuleParser.toJson(rule).toString()).isEqualTo("{\"name\":\"gpt4-for-research-only\","
        + "\"priority\":0,\"target\":{\"kind\":\"llm_model\",\"model\":\"gpt-4o*\"},\"action\":\"deny\","
        + "\"conditions\":{\"metadata\":{\"team\":{\"$nin\":[\"research\"]}}},\"limit\":null,"
        + "\"log_content\":false}");
    PolicyFacts research = new PolicyFacts(Map.of("team", "research"), null, null, "default", "gpt-4o-mini",
        null, null, "/v1/chat/completions", Instant.EPOCH, () -> null);
    assertThat(rule.matches(research)).isFalse();
    assertThat(rule.matches(new PolicyFacts(Map.of("team", "sales"), null, null, "default", "gpt-4o-mini",
        null, null, "/v1/chat/completions", Instant.EPOCH, () -> null))).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      {"target": {"kind": "any"}, "action": "deny"}                                       | name: missing (expected: a non-empty string)
      {"name": "x", "action": "deny"}                                                     | target: missing (expected: an object such as {"kind": "llm_model", "model": "gpt-4o*"})
      {"name": "x", "target": {"kind": "model"}, "action": "deny"}                        | target.kind: 'model' (expected: one of any, llm_model, provider, virtual_key, endpoint)
      {"name": "x", "target": {"kind": "llm_model"}, "action": "deny"}                    | target.model: missing (expected: a name or a pattern with * and ?)
      {"name": "x", "target": {"kind": "any"}, "action": "block"}                         | action: 'block' (expected: one of deny, allow, alert)
      {"name": "x", "target": {"kind": "any"}, "action": "deny", "priority": 1.5}         | priority: 1.5 (expected: a whole number)
      {"name": "x", "target": {"kind": "any"}, "action": "deny", "colour": "red"}         | colour: unknown field (expected: some of name, priority, target, action, conditions, limit, log_content, workspace_id)
      {"name": "x", "target": {"kind": "any"}, "action": "deny", "limit": {"requests": 5, "per": "minute"}} | limit: set on a rule with action 'deny' (expected: a limit only on an allow rule, which admits matching requests until the limit is spent)
      {"name": "x", "target": {"kind": "any"}, "action": "allow", "limit": {"requests": 5, "per": "fortnight"}} | limit.per: 'fortnight' (expected: one of minute, hour, day, week, month, none)
      {"name": "x", "target": {"kind": "any"}, "action": "allow", "limit": {"requests": 0, "per": "day"}} | limit.requests: 0 (expected: a whole number above 0)
      {"name": "x", "target": {"kind": "any"}, "action": "allow", "limit": {"requests": 5, "tokens": 9, "per": "day"}} | limit: both requests and tokens (expected: one of them per rule)
      {"name": "x", "target": {"kind": "any"}, "action": "allow", "limit": {"tokens": 5, "per": "day", "scope": "team"}} | limit.scope: 'team' (expected: key, user, workspace or metadata.<key>)
      {"name": "x", "target": {"kind": "any"}, "action": "deny", "conditions": {"team": "a"}} | conditions: 'team' (expected: $and, $or, metadata.<key>, params.<path>, api_key, model, provider, time.hour_utc, time.weekday, url.pathname, user, virtual_key or workspace)
      """)
  void ruleThatCannotBeEnforcedIsRefused(String json, String message) {
    GatewayException e = catchThrowableOfType(GatewayException.class, () -> parse(json));
    assertThat(e).hasMessage(message);
    assertThat(e.status()).isEqualTo(400);
  }
}
