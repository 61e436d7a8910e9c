package dev.portcullis.guard;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One kind of finding: a pattern that proposes candidates, an optional validator that confirms them (a checksum),
 * and the group of the pattern that is the value itself (the rest is context, such as {@code Bearer }). The pattern
 * runs only where a finding can be: a text holding none of the {@code hints} (literals, one of which every finding
 * contains, compared in lower case when {@code lowerCaseHints}) is skipped, and a pattern that needs digits runs
 * only around the text's digits. Most texts hold no finding, and a substring search is far cheaper than a regex.
 *
 * @param type the tag name, e.g. {@code CARD}
 * @param hints literals of which every finding contains one; empty for none
 * @param digits whether every finding holds a digit within {@value #DIGIT_REACH} characters of its ends
 */
record Detector(String type, List<String> hints, boolean lowerCaseHints, boolean digits, Pattern pattern, int group,
    Predicate<String> valid) {

  static final int DIGIT_REACH = 64;

  /** A pattern that runs when the text holds one of {@code hints} (exactly as written). */
  static Detector of(String type, List<String> hints, String regex) {
    return new Detector(type, hints, false, false, Pattern.compile(regex), 0, v -> true);
  }

  static Detector of(String type, List<String> hints, String regex, int group, Predicate<String> valid) {
    return new Detector(type, hints, false, false, Pattern.compile(regex), group, valid);
  }

  /** A pattern that runs when the text holds one of {@code hints} in any case. */
  static Detector anyCase(String type, List<String> hints, String regex, int group, Predicate<String> valid) {
    return new Detector(type, hints, true, false, Pattern.compile(regex), group, valid);
  }

  /** A pattern whose findings hold digits: it runs only around the text's digits. */
  static Detector numeric(String type, String regex, Predicate<String> valid) {
    return new Detector(type, List.of(), false, true, Pattern.compile(regex), 0, valid);
  }

  /**
   * Adds every confirmed finding in {@code text} to {@code out}.
   *
   * @param lower {@code text} in lower case (for case-insensitive hints)
   */
  void find(String text, String lower, List<Detection> out) {
    if (!hints.isEmpty() && !anyHint(lowerCaseHints ? lower : text)) {
      return;
    }
    Matcher m = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
    if (!digits) {
      collect(m, text, 0, text.length(), out);
      return;
    }
    int n = text.length();
    int i = 0;
    int previous = 0;
    while (i < n) {
      if (!Character.isDigit(text.charAt(i))) {
        i++;
        continue;
      }
      int start = Math.max(previous, i - DIGIT_REACH);
      int end = i;
      int j = i;
      while (j < n && j <= end + DIGIT_REACH) {
        if (Character.isDigit(text.charAt(j))) {
          end = j;
        }
        j++;
      }
      int stop = Math.min(n, end + DIGIT_REACH);
      collect(m, text, start, stop, out);
      previous = stop;
      i = stop;
    }
  }

  private boolean anyHint(String text) {
    for (String hint : hints) {
      if (text.contains(hint)) {
        return true;
      }
    }
    return false;
  }

  private void collect(Matcher m, String text, int from, int to, List<Detection> out) {
    m.region(from, to);
    while (m.find()) {
      int start = m.start(group);
      int end = m.end(group);
      if (start >= 0 && valid.test(text.substring(start, end))) {
        out.add(new Detection(type, start, end));
      }
    }
  }
}
