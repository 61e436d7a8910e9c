package dev.portcullis.guard;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * {@code default.jsonKeys}: the JSON object in the last message or answer (see {@link JsonText}) has {@code keys}
 * at its top level, by {@code operator} {@code any} (default), {@code all} or {@code none}. Text without a JSON
 * object fails.
 */
public final class JsonKeysCheck implements Check {

  private final List<String> keys;
  private final Operator operator;

  JsonKeysCheck(List<String> keys, Operator operator) {
    this.keys = List.copyOf(keys);
    this.operator = operator;
  }

  static JsonKeysCheck from(CheckParams p) {
    List<String> keys = p.strings("keys", true);
    if (keys.isEmpty()) {
      throw CheckParams.invalid(p.at("keys"), "empty", "at least one key");
    }
    return new JsonKeysCheck(keys, Operator.from(p, Operator.ANY));
  }

  @Override
  public CheckOutcome run(GuardSubject subject) {
    JsonNode json = JsonText.find(subject.lastText());
    if (json == null || !json.isObject()) {
      return CheckOutcome.fail("no JSON object found in the text");
    }
    long present = keys.stream().filter(json::has).count();
    return new CheckOutcome(operator.holds(keys, json::has),
        present + " of " + keys.size() + " keys present (operator " + operator.text() + ")");
  }

  @Override
  public String toString() {
    return "JsonKeysCheck" + keys + " " + operator.text();
  }
}
