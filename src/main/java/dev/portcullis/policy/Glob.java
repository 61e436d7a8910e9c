package dev.portcullis.policy;

/**
 * A name pattern: {@code *} stands for any run of characters (none included), {@code ?} for one; everything else is
 * itself. {@code gpt-4o*} matches {@code gpt-4o} and {@code gpt-4o-mini}. Matched without a regular expression.
 */
record Glob(String pattern) {

  boolean matches(String text) {
    if (text == null) {
      return false;
    }
    int p = 0;
    int t = 0;
    int star = -1;
    int resume = 0;
    while (t < text.length()) {
      if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == text.charAt(t))) {
        p++;
        t++;
      } else if (p < pattern.length() && pattern.charAt(p) == '*') {
        star = p++;
        resume = t;
      } else if (star >= 0) {
        p = star + 1;
        t = ++resume;
      } else {
        return false;
      }
    }
    while (p < pattern.length() && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pattern.length();
  }

  @Override
  public String toString() {
    return pattern;
  }
}
