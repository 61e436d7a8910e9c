package dev.portcullis.migrate;

/** Finds the bracket that closes an opening one in source text, skipping string literals and nested brackets. */
final class Brackets {

  private Brackets() {}

  /** The offset of the bracket closing the one at {@code open}, or -1 when it is not closed. */
  static int closing(String text, int open) {
    int depth = 0;
    for (int i = open; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\'' || c == '`') {
        i = stringEnd(text, i, c);
        if (i < 0) {
          return -1;
        }
      } else if (c == '(' || c == '{' || c == '[') {
        depth++;
      } else if (c == ')' || c == '}' || c == ']') {
        depth--;
        if (depth == 0) {
          return i;
        }
      }
    }
    return -1;
  }

  private static int stringEnd(String text, int start, char quote) {
    for (int i = start + 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == quote) {
        return i;
      }
    }
    return -1;
  }
}
