package dev.portcullis.guard;

import java.util.List;

/**
 * {@code default.contains}: case-sensitive substring matching of {@code words} against the last message (input) or
 * the answer (output), as Portkey's: {@code operator} {@code any} (default: at least one occurs), {@code all} or
 * {@code none}.
 */
public final class ContainsCheck implements Check {

  private final List<String> words;
  private final Operator operator;

  ContainsCheck(List<String> words, Operator operator) {
    this.words = List.copyOf(words);
    this.operator = operator;
  }

  static ContainsCheck from(CheckParams p) {
    List<String> words = p.strings("words", true);
    if (words.isEmpty()) {
      throw CheckParams.invalid(p.at("words"), "empty", "at least one word");
    }
    return new ContainsCheck(words, Operator.from(p, Operator.ANY));
  }

  @Override
  public CheckOutcome run(GuardSubject subject) {
    String text = subject.lastText();
    long present = words.stream().filter(text::contains).count();
    boolean verdict = operator.holds(words, text::contains);
    return new CheckOutcome(verdict, present + " of " + words.size() + " words present (operator " + operator.text()
        + ")");
  }

  @Override
  public String toString() {
    return "ContainsCheck[" + words.size() + " words, " + operator.text() + "]";
  }
}
