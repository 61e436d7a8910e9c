package dev.portcullis.condition;

import static dev.portcullis.condition.JsonValueText.describe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.error.GatewayException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * Turns a condition's {@code query} JSON into a {@link ConditionQuery}, refusing anything it could not evaluate with a
 * 400 that names the path, the value and what was expected.
 */
public final class ConditionQueryParser {

  /** Longest {@code $regex} accepted; patterns run on the event loop, so they are kept small. */
  static final int MAX_REGEX_LENGTH = 500;

  private static final String OPERATORS = Arrays.stream(ConditionOperator.values())
      .map(ConditionOperator::token).collect(Collectors.joining(", "));

  private final Set<String> named;
  private final String param;
  private final String fields;

  /**
   * @param named the named facts queries may test besides {@code metadata.<key>} and {@code params.<path>}
   * @param param the request field or header an error names, e.g. {@code x-portkey-config}
   */
  public ConditionQueryParser(Set<String> named, String param) {
    this.named = Set.copyOf(named);
    this.param = param;
    List<String> all = new ArrayList<>(List.of("$and", "$or", "metadata.<key>", "params.<path>"));
    named.stream().sorted().forEach(all::add);
    this.fields = String.join(", ", all.subList(0, all.size() - 1)) + " or " + all.getLast();
  }

  /**
   * Parses one query.
   *
   * @param path where the query sits, e.g. {@code strategy.conditions[0].query}
   */
  public ConditionQuery parse(JsonNode query, String path) {
    if (!query.isObject()) {
      throw invalid(path, describe(query), "an object of conditions");
    }
    List<ConditionQuery> parts = new ArrayList<>();
    for (Map.Entry<String, JsonNode> entry : query.properties()) {
      String key = entry.getKey();
      JsonNode value = entry.getValue();
      String at = path + "." + key;
      if (key.equals("$and") || key.equals("$or")) {
        List<ConditionQuery> queries = group(value, at);
        parts.add(key.equals("$and") ? new ConditionQuery.AllOf(queries) : new ConditionQuery.AnyOf(queries));
      } else if (key.startsWith("$")) {
        throw invalid(path, "unknown operator '" + key + "'", fields);
      } else {
        FactPath field = FactPath.parse(key, named).orElseThrow(() -> invalid(path, "'" + key + "'", fields));
        if (value.isObject()) {
          parts.add(operators(field, value, at));
        } else {
          parts.add(new FieldTest(field, ConditionOperator.EQ, value, null));
        }
      }
    }
    return parts.size() == 1 ? parts.get(0) : new ConditionQuery.AllOf(parts);
  }

  private List<ConditionQuery> group(JsonNode value, String path) {
    if (!value.isArray() || value.isEmpty()) {
      throw invalid(path, value.isArray() ? "empty" : describe(value), "a non-empty array of queries");
    }
    List<ConditionQuery> queries = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      queries.add(parse(value.get(i), path + "[" + i + "]"));
    }
    return queries;
  }

  private ConditionQuery operators(FactPath field, JsonNode tests, String path) {
    if (tests.isEmpty()) {
      throw invalid(path, "an empty object", "a value, or operators such as {\"$eq\": ...}");
    }
    List<ConditionQuery> parts = new ArrayList<>();
    for (Map.Entry<String, JsonNode> entry : tests.properties()) {
      String token = entry.getKey();
      ConditionOperator op = ConditionOperator.of(token)
          .orElseThrow(() -> invalid(path, "unknown operator '" + token + "'", "one of " + OPERATORS));
      parts.add(test(field, op, entry.getValue(), path + "." + token));
    }
    return parts.size() == 1 ? parts.get(0) : new ConditionQuery.AllOf(parts);
  }

  private FieldTest test(FactPath field, ConditionOperator op, JsonNode operand, String path) {
    return switch (op) {
      case EQ, NE -> new FieldTest(field, op, operand, null);
      case GT, GTE, LT, LTE -> {
        if (FieldTest.number(operand) == null) {
          throw invalid(path, describe(operand), "a number");
        }
        yield new FieldTest(field, op, operand, null);
      }
      case IN, NIN -> {
        if (!operand.isArray()) {
          throw invalid(path, describe(operand), "an array of values");
        }
        yield new FieldTest(field, op, operand, null);
      }
      case REGEX -> new FieldTest(field, op, operand, regex(operand, path));
    };
  }

  private Pattern regex(JsonNode operand, String path) {
    if (!operand.isTextual()) {
      throw invalid(path, describe(operand), "a regular expression as a string");
    }
    String text = operand.textValue();
    if (text.length() > MAX_REGEX_LENGTH) {
      throw invalid(path, text.length() + " characters", "a regular expression of at most " + MAX_REGEX_LENGTH);
    }
    try {
      return Pattern.compile(text);
    } catch (PatternSyntaxException e) {
      throw invalid(path, describe(operand), "a valid regular expression; " + e.getDescription() + " near index "
          + e.getIndex());
    }
  }

  private GatewayException invalid(String path, String what, String expected) {
    return GatewayException.badRequest(path + ": " + what + " (expected: " + expected + ")", param);
  }
}
