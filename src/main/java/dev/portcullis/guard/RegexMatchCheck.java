package dev.portcullis.guard;

import java.util.regex.Pattern;

/**
 * {@code default.regexMatch}: the text passes when the regular expression {@code rule} matches somewhere in it
 * (Java syntax, which reads Portkey's JavaScript patterns the same for everything but lookbehind quirks). Reads the
 * last message on input, the answer on output. {@code not: true} passes when it does not match.
 */
public final class RegexMatchCheck implements Check {

  private final Pattern rule;

  RegexMatchCheck(Pattern rule) {
    this.rule = rule;
  }

  static RegexMatchCheck from(CheckParams p) {
    return new RegexMatchCheck(RegexRule.compile(p, "rule"));
  }

  @Override
  public CheckOutcome run(GuardSubject subject) {
    return rule.matcher(subject.lastText()).find()
        ? CheckOutcome.pass("the text matches the rule")
        : CheckOutcome.fail("the text does not match the rule");
  }

  @Override
  public String toString() {
    return "RegexMatchCheck[" + rule.pattern().length() + " chars]";
  }
}
