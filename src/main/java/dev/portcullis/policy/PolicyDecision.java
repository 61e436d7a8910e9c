package dev.portcullis.policy;

import java.util.List;

/**
 * What the rules say about one request.
 *
 * @param allowed false when a deny rule, or the workspace's deny-by-default, refused it
 * @param deciding the allow or deny rule that decided, or null when none matched (the default decided)
 * @param matched every rule that matched, in evaluation order
 * @param limits the matching allow rules with a limit: each must have room for the request
 * @param alerts the matching alert rules
 * @param message why the request was refused, or null when it was allowed
 */
public record PolicyDecision(
    boolean allowed,
    PolicyRule deciding,
    List<PolicyRule> matched,
    List<PolicyRule> limits,
    List<PolicyRule> alerts,
    String message) {

  /** No rule applies and the default allows: what nearly every request of a workspace without rules gets. */
  public static final PolicyDecision NONE = new PolicyDecision(true, null, List.of(), List.of(), List.of(), null);

  public PolicyDecision {
    matched = List.copyOf(matched);
    limits = List.copyOf(limits);
    alerts = List.copyOf(alerts);
  }

  /** Whether any matching rule asks to keep the request and answer bodies. */
  public boolean logContent() {
    for (PolicyRule r : matched) {
      if (r.logContent()) {
        return true;
      }
    }
    return false;
  }

  /** The ids of every matching rule, for the log row. */
  public List<String> ruleIds() {
    return matched.stream().map(PolicyRule::id).toList();
  }
}
