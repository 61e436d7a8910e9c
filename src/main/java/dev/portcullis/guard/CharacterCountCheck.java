package dev.portcullis.guard;

/**
 * {@code default.characterCount}: the number of characters (Unicode code points) of the last message or answer
 * lies within {@code minCharacters}..{@code maxCharacters}.
 */
public final class CharacterCountCheck implements Check {

  private final CountRange range;

  CharacterCountCheck(CountRange range) {
    this.range = range;
  }

  static CharacterCountCheck from(CheckParams p) {
    return new CharacterCountCheck(CountRange.from(p, "characters", "minCharacters", "maxCharacters"));
  }

  @Override
  public CheckOutcome run(GuardSubject subject) {
    String text = subject.lastText();
    return range.judge(text.codePointCount(0, text.length()));
  }

  @Override
  public String toString() {
    return "CharacterCountCheck" + range;
  }
}
