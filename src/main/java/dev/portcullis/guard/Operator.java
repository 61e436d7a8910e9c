package dev.portcullis.guard;

import java.util.List;
import java.util.function.Predicate;

/** Portkey's {@code operator} for lists: {@code any}, {@code all} or {@code none} of the items must be present. */
enum Operator {
  ANY, ALL, NONE;

  static Operator from(CheckParams p, Operator fallback) {
    String value = p.string("operator", false);
    if (value == null) {
      return fallback;
    }
    return switch (value) {
      case "any" -> ANY;
      case "all" -> ALL;
      case "none" -> NONE;
      default -> throw CheckParams.invalid(p.at("operator"), "'" + value + "'", "any, all or none");
    };
  }

  /** Whether {@code items}, each {@code present} or not, satisfy this operator. */
  <T> boolean holds(List<T> items, Predicate<T> present) {
    return switch (this) {
      case ANY -> items.stream().anyMatch(present);
      case ALL -> items.stream().allMatch(present);
      case NONE -> items.stream().noneMatch(present);
    };
  }

  String text() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
