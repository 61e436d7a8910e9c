package dev.portcullis.mock;

/**
 * The text the mock "generates": words of one sentence, cycled, so that a JSON answer of {@code n} words equals the
 * concatenated content of a stream of {@code n} chunks.
 */
final class MockText {

  private static final String[] WORDS =
      "This is a mock response from the Portcullis mock upstream.".split(" ");
  private static final String[] QUOTED_PIECES = new String[WORDS.length * 2];

  static {
    for (int i = 0; i < WORDS.length; i++) {
      QUOTED_PIECES[i] = BodyTemplate.jsonString(WORDS[i]);
      QUOTED_PIECES[WORDS.length + i] = BodyTemplate.jsonString(" " + WORDS[i]);
    }
  }

  private MockText() {}

  /** Chunk {@code i} of a stream as a JSON string: the first word bare, later words after a space. */
  static String quotedPiece(int i) {
    return QUOTED_PIECES[(i == 0 ? 0 : WORDS.length) + i % WORDS.length];
  }

  /** The first {@code count} pieces joined, as a JSON string. */
  static String quotedText(int count) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < count; i++) {
      text.append(i == 0 ? "" : " ").append(WORDS[i % WORDS.length]);
    }
    return BodyTemplate.jsonString(text.toString());
  }
}
