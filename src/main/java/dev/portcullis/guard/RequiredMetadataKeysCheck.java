package dev.portcullis.guard;

import java.util.List;

/**
 * {@code default.requiredMetadataKeys}: the request's metadata ({@code x-portkey-metadata}) has {@code metadataKeys},
 * by {@code operator} {@code all} (default), {@code any} or {@code none}.
 */
public final class RequiredMetadataKeysCheck implements Check {

  private final List<String> keys;
  private final Operator operator;

  RequiredMetadataKeysCheck(List<String> keys, Operator operator) {
    this.keys = List.copyOf(keys);
    this.operator = operator;
  }

  static RequiredMetadataKeysCheck from(CheckParams p) {
    List<String> keys = p.strings("metadataKeys", true);
    if (keys.isEmpty()) {
      throw CheckParams.invalid(p.at("metadataKeys"), "empty", "at least one key");
    }
    return new RequiredMetadataKeysCheck(keys, Operator.from(p, Operator.ALL));
  }

  @Override
  public CheckOutcome run(GuardSubject subject) {
    List<String> missing = keys.stream().filter(k -> !subject.metadata().containsKey(k)).toList();
    boolean verdict = operator.holds(keys, subject.metadata()::containsKey);
    return new CheckOutcome(verdict, missing.isEmpty() ? "every key is present (operator " + operator.text() + ")"
        : "missing " + missing + " (operator " + operator.text() + ")");
  }

  @Override
  public String toString() {
    return "RequiredMetadataKeysCheck" + keys + " " + operator.text();
  }
}
