package dev.portcullis.routing.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A parsed, validated routing config: an immutable tree the request path runs with {@link PlanExecutor}. Built
 * once per config by {@link RoutingConfigParser}; the hot path never sees the JSON again.
 */
public record RoutingPlan(PlanNode root) {

  /**
   * The plan of a call without a config: one target that goes where the request's headers and model address say,
   * with no retry and no breaker of its own.
   */
  public static final RoutingPlan DIRECT = new RoutingPlan(TargetNode.direct());

  public RoutingPlan {
    Objects.requireNonNull(root, "root");
  }

  /** Whether any group routes on conditions, which are the only readers of the request body ({@code params.*}). */
  public boolean hasConditions() {
    return hasConditions(root);
  }

  private static boolean hasConditions(PlanNode node) {
    return node instanceof GroupNode group
        && (group.strategy() instanceof Strategy.Conditional
            || group.children().stream().anyMatch(RoutingPlan::hasConditions));
  }

  /** Every target of the plan, in the order the config lists them. */
  public List<TargetNode> targets() {
    List<TargetNode> out = new ArrayList<>();
    collect(root, out);
    return out;
  }

  private static void collect(PlanNode node, List<TargetNode> out) {
    switch (node) {
      case TargetNode target -> out.add(target);
      case GroupNode group -> group.children().forEach(child -> collect(child, out));
    }
  }

  /** The tree, one node per line, indented by depth; credentials never appear. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("RoutingPlan");
    render(root, 1, out);
    return out.toString();
  }

  private static void render(PlanNode node, int depth, StringBuilder out) {
    out.append('\n').append("  ".repeat(depth)).append(node);
    if (node instanceof GroupNode group) {
      group.children().forEach(child -> render(child, depth + 1, out));
    }
  }
}
