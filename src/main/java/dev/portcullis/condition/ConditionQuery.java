package dev.portcullis.condition;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A condition's {@code query}, parsed once: MongoDB-style tests on {@code metadata.*}, {@code params.*} and the
 * named facts its parser allows, combined with {@code $and} / {@code $or} to any depth. Several keys in one query
 * object must all match.
 */
public sealed interface ConditionQuery permits ConditionQuery.AllOf, ConditionQuery.AnyOf, FieldTest {

  boolean matches(ConditionFacts facts);

  /** Every query matches ({@code $and}, or several keys in one object); an empty list matches everything. */
  record AllOf(List<ConditionQuery> queries) implements ConditionQuery {

    public AllOf {
      queries = List.copyOf(queries);
    }

    @Override
    public boolean matches(ConditionFacts facts) {
      for (ConditionQuery q : queries) {
        if (!q.matches(facts)) {
          return false;
        }
      }
      return true;
    }

    @Override
    public String toString() {
      return queries.size() == 1 ? queries.get(0).toString()
          : queries.stream().map(Object::toString).collect(Collectors.joining(" and ", "(", ")"));
    }
  }

  /** At least one query matches ({@code $or}). */
  record AnyOf(List<ConditionQuery> queries) implements ConditionQuery {

    public AnyOf {
      queries = List.copyOf(queries);
    }

    @Override
    public boolean matches(ConditionFacts facts) {
      for (ConditionQuery q : queries) {
        if (q.matches(facts)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public String toString() {
      return queries.stream().map(Object::toString).collect(Collectors.joining(" or ", "(", ")"));
    }
  }
}
