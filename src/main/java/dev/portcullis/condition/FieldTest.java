package dev.portcullis.condition;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * One operator applied to one field, e.g. {@code params.temperature $gt 0.7}.
 *
 * <p>Values compare as numbers when one side is a JSON number and the other a number or a numeric string
 * (metadata values are always strings, so {@code metadata.tier $eq 2} matches {@code "2"}); ordering operators
 * compare numerically whenever both sides read as numbers and never match otherwise. Two strings compare as
 * strings. A missing field equals only {@code null}, so {@code $ne} and {@code $nin} match it and the rest do not.
 * {@code $regex} searches the value's text (like JavaScript's {@code test}).
 */
public final class FieldTest implements ConditionQuery {

  private final FactPath field;
  private final ConditionOperator operator;
  private final JsonNode operand;
  private final BigDecimal operandNumber;
  private final Pattern pattern;

  FieldTest(FactPath field, ConditionOperator operator, JsonNode operand, Pattern pattern) {
    this.field = field;
    this.operator = operator;
    this.operand = operand.deepCopy();
    this.operandNumber = number(operand);
    this.pattern = pattern;
  }

  /** The field as written, e.g. {@code metadata.plan}. */
  public String field() {
    return field.text();
  }

  public ConditionOperator operator() {
    return operator;
  }

  public JsonNode operand() {
    return operand.deepCopy();
  }

  @Override
  public boolean matches(ConditionFacts facts) {
    JsonNode value = field.resolve(facts);
    return switch (operator) {
      case EQ -> equal(value, operand, operandNumber);
      case NE -> !equal(value, operand, operandNumber);
      case GT, GTE, LT, LTE -> ordered(value);
      case IN -> contains(value);
      case NIN -> !contains(value);
      case REGEX -> value.isValueNode() && !value.isNull() && pattern.matcher(value.asText()).find();
    };
  }

  private boolean ordered(JsonNode value) {
    BigDecimal number = number(value);
    if (number == null) {
      return false;
    }
    int order = number.compareTo(operandNumber);
    return switch (operator) {
      case GT -> order > 0;
      case GTE -> order >= 0;
      case LT -> order < 0;
      default -> order <= 0;
    };
  }

  private static boolean equal(JsonNode value, JsonNode expected, BigDecimal expectedNumber) {
    if (value.isMissingNode() || value.isNull()) {
      return expected.isNull();
    }
    if (value.isNumber() || expected.isNumber()) {
      BigDecimal number = number(value);
      return number != null && expectedNumber != null && number.compareTo(expectedNumber) == 0;
    }
    return value.equals(expected);
  }

  private boolean contains(JsonNode value) {
    for (JsonNode candidate : operand) {
      if (equal(value, candidate, value.isNumber() || candidate.isNumber() ? number(candidate) : null)) {
        return true;
      }
    }
    return false;
  }

  /** The node as a number when it is one or is a string that reads as one, else null. */
  static BigDecimal number(JsonNode node) {
    if (node.isNumber()) {
      return node.decimalValue();
    }
    return node.isTextual() && isDecimal(node.textValue()) ? new BigDecimal(node.textValue()) : null;
  }

  /** {@code -12}, {@code 0.5}, {@code .5}, {@code 1e3}: what {@link BigDecimal} reads, checked without an exception. */
  private static boolean isDecimal(String text) {
    int i = 0;
    int n = text.length();
    if (i < n && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
      i++;
    }
    int digits = 0;
    for (; i < n && isDigit(text.charAt(i)); i++) {
      digits++;
    }
    if (i < n && text.charAt(i) == '.') {
      for (i++; i < n && isDigit(text.charAt(i)); i++) {
        digits++;
      }
    }
    if (digits == 0) {
      return false;
    }
    if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
      i++;
      if (i < n && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
        i++;
      }
      int exponentDigits = 0;
      for (; i < n && isDigit(text.charAt(i)) && exponentDigits < 9; i++) {
        exponentDigits++;
      }
      if (exponentDigits == 0) {
        return false;
      }
    }
    return i == n;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  @Override
  public String toString() {
    return field + " " + operator + " " + operand;
  }
}
