package dev.portcullis.guard;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** A regular expression parameter, compiled once, its syntax errors a 400 naming where it broke. */
final class RegexRule {

  private RegexRule() {}

  static Pattern compile(CheckParams p, String key) {
    String rule = p.string(key, true);
    if (rule.isEmpty()) {
      throw CheckParams.invalid(p.at(key), "empty", "a regular expression");
    }
    try {
      return Pattern.compile(rule);
    } catch (PatternSyntaxException e) {
      throw CheckParams.invalid(p.at(key), "not a valid regular expression (" + e.getDescription() + " near index "
          + e.getIndex() + ")", "a regular expression");
    }
  }
}
