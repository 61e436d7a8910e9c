package dev.portcullis.guard;

/**
 * {@code default.wordCount}: the number of words (runs of non-whitespace) of the last message or answer lies within
 * {@code minWords}..{@code maxWords}.
 */
public final class WordCountCheck implements Check {

  private final CountRange range;

  WordCountCheck(CountRange range) {
    this.range = range;
  }

  static WordCountCheck from(CheckParams p) {
    return new WordCountCheck(CountRange.from(p, "words", "minWords", "maxWords"));
  }

  @Override
  public CheckOutcome run(GuardSubject subject) {
    return range.judge(words(subject.lastText()));
  }

  static long words(String text) {
    long n = 0;
    boolean inWord = false;
    for (int i = 0; i < text.length(); i++) {
      boolean space = Character.isWhitespace(text.charAt(i));
      if (!space && !inWord) {
        n++;
      }
      inWord = !space;
    }
    return n;
  }

  @Override
  public String toString() {
    return "WordCountCheck" + range;
  }
}
