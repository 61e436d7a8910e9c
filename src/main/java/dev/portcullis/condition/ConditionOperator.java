package dev.portcullis.condition;

import java.util.Arrays;
import java.util.Optional;

/** The comparison operators a condition may apply to one field. */
public enum ConditionOperator {
  EQ("$eq"),
  NE("$ne"),
  GT("$gt"),
  GTE("$gte"),
  LT("$lt"),
  LTE("$lte"),
  IN("$in"),
  NIN("$nin"),
  REGEX("$regex");

  private final String token;

  ConditionOperator(String token) {
    this.token = token;
  }

  /** As written in a query, e.g. {@code $gte}. */
  public String token() {
    return token;
  }

  static Optional<ConditionOperator> of(String token) {
    return Arrays.stream(values()).filter(op -> op.token.equals(token)).findFirst();
  }

  @Override
  public String toString() {
    return token;
  }
}
