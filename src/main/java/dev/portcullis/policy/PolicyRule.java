package dev.portcullis.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.condition.ConditionQuery;
import java.time.Instant;

/**
 * One version of a policy rule, parsed: the hot path never sees its JSON.
 *
 * @param priority higher first among the rules of one workspace
 * @param conditions null when the rule has none (it matches every request its target matches)
 * @param conditionsJson the conditions as written, for reading back
 * @param limit null when the rule sets none
 * @param logContent keep request and answer bodies on the log for matching requests
 */
public record PolicyRule(
    String id,
    int version,
    String workspaceId,
    String name,
    int priority,
    RuleTarget target,
    RuleAction action,
    ConditionQuery conditions,
    JsonNode conditionsJson,
    RuleLimit limit,
    boolean logContent,
    Instant createdAt) {

  /** Whether the rule applies to this request. */
  public boolean matches(PolicyFacts facts) {
    return target.matches(facts) && (conditions == null || conditions.matches(facts));
  }

  @Override
  public String toString() {
    return "PolicyRule[" + id + " v" + version + " '" + name + "' " + action.wireName() + " " + target
        + (conditions == null ? "" : " when " + conditions) + (limit == null ? "" : " limit " + limit) + "]";
  }
}
