package dev.portcullis.routing.config;

import java.util.List;

/**
 * A node with {@code targets}, run by its strategy.
 *
 * @param children at least one; exactly one for {@link Strategy.Single}
 */
public record GroupNode(String path, String name, double weight, Strategy strategy, List<PlanNode> children)
    implements PlanNode {

  public GroupNode {
    children = List.copyOf(children);
    if (children.isEmpty()) {
      throw new IllegalArgumentException(path + ".targets: empty (expected: at least one target)");
    }
  }

  @Override
  public String toString() {
    return path + " " + strategy + (name == null ? "" : " name=" + name) + (weight == 1 ? "" : " weight=" + weight);
  }
}
