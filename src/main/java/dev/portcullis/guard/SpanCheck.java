package dev.portcullis.guard;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A check that finds spans of text (PII, secrets, keywords, a pattern to replace) in every text it is given. With
 * redaction on, each span is replaced and the text passes; without it, any span fails the text. Its findings are
 * named by type and count, never quoted.
 */
public interface SpanCheck extends Check {

  /** Every finding in {@code text}, in order, without overlaps (the earlier, then longer one wins). */
  List<Detection> detect(String text);

  /** Whether findings are replaced (and the text then passes) rather than failing it. */
  boolean redacts();

  /** What replaces a finding: a tag such as {@code [EMAIL_1]}, or a configured replacement. */
  default String replacement(Detection d, String value, RedactionTags tags) {
    return tags.tag(d.type(), value);
  }

  /**
   * How far a finding may reach back from the last word of a text (a finding that holds whitespace, or context
   * before a key): a stream holds back its trailing word and this many characters before it.
   */
  int maxLength();

  @Override
  default CheckOutcome run(GuardSubject subject) {
    Map<String, Integer> counts = new TreeMap<>();
    for (String text : subject.texts()) {
      for (Detection d : detect(text)) {
        counts.merge(d.type(), 1, Integer::sum);
      }
    }
    if (counts.isEmpty()) {
      return CheckOutcome.pass("nothing found");
    }
    String found = describe(counts);
    return redacts() ? CheckOutcome.pass("redacted " + found) : CheckOutcome.fail("found " + found);
  }

  /** {@code text} with every finding replaced. */
  default String redact(String text, RedactionTags tags) {
    return redact(text, detect(text), tags);
  }

  /** {@code text} with the findings {@code found} (in order, without overlaps) replaced. */
  default String redact(String text, List<Detection> found, RedactionTags tags) {
    if (found.isEmpty()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int at = 0;
    for (Detection d : found) {
      out.append(text, at, d.start()).append(replacement(d, text.substring(d.start(), d.end()), tags));
      at = d.end();
    }
    return out.append(text, at, text.length()).toString();
  }

  /** "2 EMAIL, 1 CARD". */
  static String describe(Map<String, Integer> counts) {
    StringBuilder out = new StringBuilder();
    counts.forEach((type, n) -> out.append(out.isEmpty() ? "" : ", ").append(n).append(' ').append(type));
    return out.toString();
  }

  /** Sorts findings and drops those overlapping an earlier (or, at the same start, longer) one. */
  static List<Detection> withoutOverlaps(List<Detection> found) {
    if (found.size() < 2) {
      return found;
    }
    found.sort(Comparator.comparingInt(Detection::start).thenComparingInt(d -> -d.end()));
    List<Detection> out = new ArrayList<>(found.size());
    int end = -1;
    for (Detection d : found) {
      if (d.start() >= end) {
        out.add(d);
        end = d.end();
      }
    }
    return out;
  }
}
