package dev.portcullis.guard;

/**
 * {@code default.sentenceCount}: the number of sentences of the last message or answer lies within
 * {@code minSentences}..{@code maxSentences}. A sentence ends with {@code .}, {@code !} or {@code ?} followed by
 * whitespace or the end; trailing text without an end mark counts as one more.
 */
public final class SentenceCountCheck implements Check {

  private final CountRange range;

  SentenceCountCheck(CountRange range) {
    this.range = range;
  }

  static SentenceCountCheck from(CheckParams p) {
    return new SentenceCountCheck(CountRange.from(p, "sentences", "minSentences", "maxSentences"));
  }

  @Override
  public CheckOutcome run(GuardSubject subject) {
    return range.judge(sentences(subject.lastText()));
  }

  static long sentences(String text) {
    long n = 0;
    boolean content = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean mark = c == '.' || c == '!' || c == '?';
      if (mark && content && (i + 1 == text.length() || Character.isWhitespace(text.charAt(i + 1)))) {
        n++;
        content = false;
      } else if (!mark && !Character.isWhitespace(c)) {
        content = true;
      }
    }
    return content ? n + 1 : n;
  }

  @Override
  public String toString() {
    return "SentenceCountCheck" + range;
  }
}
