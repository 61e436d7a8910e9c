package dev.portcullis.routing.config;

import dev.portcullis.condition.ConditionQuery;

/**
 * One rule of a conditional strategy: when {@code query} matches, the request goes to the target named {@code then}.
 *
 * @param thenIndex position of that target among the group's children
 */
public record Condition(ConditionQuery query, String then, int thenIndex) {

  @Override
  public String toString() {
    return query + " -> " + then;
  }
}
