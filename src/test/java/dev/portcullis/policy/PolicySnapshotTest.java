package dev.portcullis.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Rule evaluation as tables: which rule decides, in what order, with deny-by-default and rules inherited from parent
 * workspaces; conditions on metadata, user and the time of day (the time is a fact, so no clock is needed).
 */
class PolicySnapshotTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** A Wednesday, 14:30 UTC. */
  private static final Instant WEDNESDAY_AFTERNOON = Instant.parse("2026-12-09T14:30:00Z");

  /** The tree: default → team → squad. */
  private static final Map<String, String> TREE = Map.of("team", "default", "squad", "team");

  private final Map<String, List<PolicyRule>> rules = new HashMap<>();
  private final Map<String, RuleAction> defaults = new HashMap<>();
  private int created;

  private void rule(String workspace, String id, String json) {
    try {
      rules.computeIfAbsent(workspace, k -> new ArrayList<>()).add(PolicyRuleParser.parse(JSON.readTree(json), id, 1,
          workspace, Instant.EPOCH.plusSeconds(created++)));
    } catch (IOException e) {
      throw new IllegalArgumentException(json, e);
    }
  }

  private PolicyDecision decide(String workspace, String model, Map<String, String> metadata, Instant now) {
    PolicySnapshot snapshot = new PolicySnapshot(TREE, rules, defaults, Map.of());
    return snapshot.evaluate(new PolicyFacts(metadata, metadata.get("_user"), "key-1", workspace, model, "openai",
        null, "/v1/chat/completions", now, () -> null));
  }

  private String decidingId(String workspace, String model, Map<String, String> metadata) {
    PolicyDecision d = decide(workspace, model, metadata, WEDNESDAY_AFTERNOON);
    return (d.allowed() ? "allow:" : "deny:") + (d.deciding() == null ? "default" : d.deciding().id());
  }

  @Test
  void workspaceWithoutRulesIsQuietAndAllowsForNothing() {
    PolicySnapshot snapshot = new PolicySnapshot(TREE, Map.of(), Map.of(), Map.of());
    assertThat(snapshot.quiet("squad")).isTrue();
    assertThat(decide("squad", "gpt-4o", Map.of(), WEDNESDAY_AFTERNOON)).isSameAs(PolicyDecision.NONE);
  }

  @ParameterizedTest(name = "{0} in {1} with {2} -> {3}")
  @CsvSource(delimiter = '|', textBlock = """
      gpt-4o      | squad   | research | allow:r-allow-research
      gpt-4o      | squad   | sales    | deny:r-deny-gpt4
      gpt-4o-mini | squad   | sales    | allow:default
      gpt-4o      | default | sales    | allow:default
      gpt-4o      | team    | sales    | deny:r-deny-gpt4
      """)
  void parentRulesApplyToDescendantsAndTheFirstMatchingRuleDecides(String model, String workspace, String team,
      String expected) {
    rule("team", "r-deny-gpt4", """
        {"name": "gpt4-for-research-only", "target": {"kind": "llm_model", "model": "gpt-4o"},
         "action": "deny", "conditions": {"metadata.team": {"$nin": ["research"]}}}""");
    rule("squad", "r-allow-research", """
        {"name": "research", "target": {"kind": "any"}, "action": "allow",
         "conditions": {"metadata.team": "research"}}""");
    assertThat(decidingId(workspace, model, Map.of("team", team))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      parent before child, whatever the child's priority | team:deny:0:a squad:allow:100:b   | deny:a
      higher priority first within a workspace           | squad:allow:1:a squad:deny:5:b    | deny:b
      deny before allow at equal priority                | squad:allow:3:a squad:deny:3:b    | deny:b
      allow before alert, and alerts never decide        | squad:alert:9:a squad:allow:0:b   | allow:b
      only alerts leave the default to decide            | squad:alert:9:a                   | allow:default
      """)
  void rulesAreTriedParentFirstThenByPriorityThenDenyBeforeAllow(String why, String spec, String expected) {
    for (String one : spec.trim().split("\\s+", -1)) {
      String[] p = one.split(":", -1);
      rule(p[0], p[3], "{\"name\": \"" + p[3] + "\", \"target\": {\"kind\": \"any\"}, \"action\": \"" + p[1]
          + "\", \"priority\": " + p[2] + "}");
    }
    assertThat(decidingId("squad", "gpt-4o", Map.of())).as(why).isEqualTo(expected);
  }

  @Test
  void denyByDefaultRefusesWhatNoAllowRuleMatchesAndNamesTheWorkspace() {
    defaults.put("team", RuleAction.DENY);
    rule("team", "r-mini", """
        {"name": "mini only", "target": {"kind": "llm_model", "model": "*-mini"}, "action": "allow"}""");
    assertThat(decidingId("squad", "gpt-4o-mini", Map.of())).isEqualTo("allow:r-mini");
    PolicyDecision refused = decide("squad", "gpt-4o", Map.of(), WEDNESDAY_AFTERNOON);
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.message()).isEqualTo("request denied by policy: no allow rule matched and the "
        + "policy_default of workspace 'squad' is deny");
    assertThat(decidingId("default", "gpt-4o", Map.of())).as("the root sets no default").isEqualTo("allow:default");
  }

  @Test
  void deniedRequestIsNamedByRuleAndTarget() {
    rule("team", "r-deny-gpt4", """
        {"name": "gpt4-for-research-only", "target": {"kind": "llm_model", "model": "gpt-4o*"}, "action": "deny"}""");
    assertThat(decide("team", "gpt-4o", Map.of(), WEDNESDAY_AFTERNOON).message())
        .isEqualTo("request denied by policy 'gpt4-for-research-only' (llm_model gpt-4o*)");
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(delimiter = '|', textBlock = """
      2026-12-09T14:30:00Z | ada   | allow:default
      2026-12-09T22:30:00Z | ada   | deny:r-office-hours
      2026-12-12T14:30:00Z | ada   | deny:r-office-hours
      2026-12-09T22:30:00Z | oncall| allow:default
      """)
  void conditionsSeeTheUserAndTheTimeOfDayInUtc(String at, String user, String expected) {
    rule("team", "r-office-hours", """
        {"name": "office hours", "target": {"kind": "any"}, "action": "deny",
         "conditions": {"user": {"$ne": "oncall"},
                        "$or": [{"time.hour_utc": {"$lt": 8}}, {"time.hour_utc": {"$gte": 18}},
                                {"time.weekday": {"$in": ["saturday", "sunday"]}}]}}""");
    PolicyDecision d = decide("squad", "gpt-4o", Map.of("_user", user), Instant.parse(at));
    assertThat((d.allowed() ? "allow:" : "deny:") + (d.deciding() == null ? "default" : d.deciding().id()))
        .isEqualTo(expected);
  }

  @Test
  void everyMatchingAllowRuleWithALimitApplies() {
    rule("default", "r-org-budget", """
        {"name": "org budget", "target": {"kind": "any"}, "action": "allow",
         "limit": {"dollars": 100, "per": "month", "scope": "workspace"}}""");
    rule("squad", "r-squad-rate", """
        {"name": "squad rate", "target": {"kind": "any"}, "action": "allow",
         "limit": {"requests": 10, "per": "minute", "scope": "user"}}""");
    PolicyDecision d = decide("squad", "gpt-4o", Map.of(), WEDNESDAY_AFTERNOON);
    assertThat(d.limits()).extracting(PolicyRule::id).containsExactly("r-org-budget", "r-squad-rate");
    assertThat(d.ruleIds()).containsExactly("r-org-budget", "r-squad-rate");
  }
}
