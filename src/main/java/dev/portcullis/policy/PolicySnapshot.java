package dev.portcullis.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every rule, workspace default and price override in force, with the workspace tree, as one immutable value read
 * from the store; a change anywhere replaces the whole snapshot. Requests read it without locks or I/O.
 *
 * <p>Rules apply to their workspace and every workspace below it. For one request they are tried in this order: the
 * root's rules before its children's (parent before child), within a workspace by priority (higher first), at equal
 * priority deny before allow before alert, then oldest first. The first matching allow or deny rule decides; alert
 * rules that match fire whatever decides. When no allow or deny rule matches, the workspace's
 * {@code policy_default} decides (inherited from the nearest ancestor that sets one; allow when none does).
 */
public final class PolicySnapshot {

  /** The most workspace levels followed up the tree (a guard against a corrupted tree). */
  private static final int MAX_DEPTH = 64;

  private static final Comparator<PolicyRule> ORDER = Comparator.comparingInt(PolicyRule::priority).reversed()
      .thenComparing(PolicyRule::action).thenComparing(PolicyRule::createdAt).thenComparing(PolicyRule::id);

  public static final PolicySnapshot EMPTY = new PolicySnapshot(Map.of(), Map.of(), Map.of(), Map.of());

  private final Map<String, String> parents;
  private final Map<String, List<PolicyRule>> rulesByWorkspace;
  private final Map<String, RuleAction> defaults;
  private final Map<String, Map<String, Map<String, Price>>> overrides;
  private final Map<String, List<PolicyRule>> effective = new ConcurrentHashMap<>();
  private final Map<String, List<String>> chains = new ConcurrentHashMap<>();

  /**
   * @param parents workspace id to parent id (the root maps to nothing)
   * @param rulesByWorkspace the rules in force, by the workspace they belong to
   * @param defaults {@code policy_default} of the workspaces that set one
   * @param overrides price overrides by workspace, provider and model
   */
  public PolicySnapshot(Map<String, String> parents, Map<String, List<PolicyRule>> rulesByWorkspace,
      Map<String, RuleAction> defaults, Map<String, Map<String, Map<String, Price>>> overrides) {
    this.parents = Map.copyOf(parents);
    Map<String, List<PolicyRule>> sorted = new HashMap<>();
    rulesByWorkspace.forEach((ws, rules) -> sorted.put(ws, rules.stream().sorted(ORDER).toList()));
    this.rulesByWorkspace = Map.copyOf(sorted);
    this.defaults = Map.copyOf(defaults);
    this.overrides = Map.copyOf(overrides);
  }

  /** Whether requests of {@code workspaceId} meet no rule and no deny-by-default: then policy costs nothing. */
  public boolean quiet(String workspaceId) {
    return rules(workspaceId).isEmpty() && policyDefault(workspaceId) == RuleAction.ALLOW;
  }

  /** The rules that apply to requests of {@code workspaceId}, in evaluation order. */
  public List<PolicyRule> rules(String workspaceId) {
    if (rulesByWorkspace.isEmpty()) {
      return List.of();
    }
    return effective.computeIfAbsent(workspaceId, ws -> {
      List<PolicyRule> out = new ArrayList<>();
      for (String w : chain(ws).reversed()) {
        out.addAll(rulesByWorkspace.getOrDefault(w, List.of()));
      }
      return List.copyOf(out);
    });
  }

  /** {@code workspaceId} and its ancestors, nearest first. */
  public List<String> chain(String workspaceId) {
    return chains.computeIfAbsent(workspaceId, ws -> {
      List<String> out = new ArrayList<>();
      for (String w = ws; w != null && out.size() < MAX_DEPTH; w = parents.get(w)) {
        out.add(w);
      }
      return List.copyOf(out);
    });
  }

  /** The {@code policy_default} in force for {@code workspaceId}: its own, else the nearest ancestor's, else allow. */
  public RuleAction policyDefault(String workspaceId) {
    if (defaults.isEmpty()) {
      return RuleAction.ALLOW;
    }
    for (String w : chain(workspaceId)) {
      RuleAction a = defaults.get(w);
      if (a != null) {
        return a;
      }
    }
    return RuleAction.ALLOW;
  }

  /** The {@code policy_default} set on {@code workspaceId} itself, or null. */
  public RuleAction ownDefault(String workspaceId) {
    return defaults.get(workspaceId);
  }

  /** The override of a price nearest to {@code workspaceId}, or null. */
  public Price override(String workspaceId, String provider, String model) {
    if (overrides.isEmpty()) {
      return null;
    }
    for (String w : chain(workspaceId)) {
      Map<String, Map<String, Price>> byProvider = overrides.get(w);
      Map<String, Price> byModel = byProvider == null ? null : byProvider.get(provider);
      Price p = byModel == null ? null : byModel.get(model);
      if (p != null) {
        return p;
      }
    }
    return null;
  }

  /** Every override visible from {@code workspaceId}, nearest first. */
  public List<Price> overridesSeenFrom(String workspaceId) {
    List<Price> out = new ArrayList<>();
    for (String w : chain(workspaceId)) {
      overrides.getOrDefault(w, Map.of()).values().forEach(m -> out.addAll(m.values()));
    }
    return out;
  }

  /** What the rules say about one request. */
  public PolicyDecision evaluate(PolicyFacts facts) {
    List<PolicyRule> rules = rules(facts.workspaceId());
    List<PolicyRule> matched = new ArrayList<>(4);
    List<PolicyRule> limits = new ArrayList<>(2);
    List<PolicyRule> alerts = new ArrayList<>(1);
    PolicyRule deciding = null;
    for (PolicyRule rule : rules) {
      if (!rule.matches(facts)) {
        continue;
      }
      matched.add(rule);
      if (rule.action() == RuleAction.ALERT) {
        alerts.add(rule);
      } else if (deciding == null) {
        deciding = rule;
      }
      if (rule.action() == RuleAction.ALLOW && rule.limit() != null
          && (deciding == null || deciding.action() == RuleAction.ALLOW)) {
        limits.add(rule);
      }
    }
    if (deciding != null && deciding.action() == RuleAction.DENY) {
      return new PolicyDecision(false, deciding, matched, List.of(), alerts, "request denied by policy '"
          + deciding.name() + "' (" + deciding.target() + ")");
    }
    if (deciding == null && policyDefault(facts.workspaceId()) == RuleAction.DENY) {
      return new PolicyDecision(false, null, matched, List.of(), alerts, "request denied by policy: no allow rule "
          + "matched and the policy_default of workspace '" + facts.workspaceId() + "' is deny");
    }
    if (matched.isEmpty()) {
      return PolicyDecision.NONE;
    }
    return new PolicyDecision(true, deciding, matched, limits, alerts, null);
  }
}
