package dev.portcullis.routing.config;

/** One node of a routing plan: a target to call, or a group of nodes run by a strategy. */
public sealed interface PlanNode permits TargetNode, GroupNode {

  /** Where the node sits in the config, e.g. {@code config.targets[1].targets[0]}. */
  String path();

  /** The node's {@code name}, which conditions refer to, or null. */
  String name();

  /** Its share of traffic when its parent load-balances (default 1). */
  double weight();
}
