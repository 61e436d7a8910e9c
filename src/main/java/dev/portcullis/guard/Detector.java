package dev.portcullis.guard;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One kind of finding: a pattern that proposes candidates, an optional validator that confirms them (a checksum),
 * and the group of the pattern that is the value itself (the rest is context, such as {@code Bearer }).
 *
 * @param type the tag name, e.g. {@code CARD}
 */
record Detector(String type, Pattern pattern, int group, Predicate<String> valid) {

  static Detector of(String type, String regex) {
    return new Detector(type, Pattern.compile(regex), 0, v -> true);
  }

  static Detector of(String type, String regex, int group, Predicate<String> valid) {
    return new Detector(type, Pattern.compile(regex), group, valid);
  }

  /** Adds every confirmed finding in {@code text} to {@code out}. */
  void find(CharSequence text, List<Detection> out) {
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      int start = m.start(group);
      int end = m.end(group);
      if (start >= 0 && valid.test(text.subSequence(start, end).toString())) {
        out.add(new Detection(type, start, end));
      }
    }
  }
}
