package dev.portcullis.guard;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One streamed text (a choice's content, or a tool call's arguments) as it passes the span checks of the answer's
 * guardrails. It holds back only the tail a finding could still grow into: the trailing word (keys, addresses and
 * tokens hold no whitespace), the reach before it that the checks declare, and an unfinished private key block;
 * everything before that flows on, redacted. Findings are counted per check before their text is released, so a
 * deny can stop the stream in time.
 */
final class StreamText {

  /** Characters of released text kept as context, so a pattern's look-behind sees what came before. */
  private static final int CONTEXT = 16;
  /** A finding longer than this is released unseen rather than holding the stream without bound. */
  static final int MAX_HOLD = 16_384;

  private record Finding(SpanCheck check, Detection at) {}

  private final List<SpanCheck> checks;
  private final int reach;
  private final RedactionTags tags;
  private final List<Map<String, Integer>> found;
  private final StringBuilder pending = new StringBuilder();
  private String context = "";

  StreamText(List<SpanCheck> checks, RedactionTags tags) {
    this.checks = checks;
    this.reach = checks.stream().mapToInt(SpanCheck::maxLength).max().orElse(0);
    this.tags = tags;
    this.found = new ArrayList<>(checks.size());
    for (int i = 0; i < checks.size(); i++) {
      found.add(new TreeMap<>());
    }
  }

  /** What may be sent of the text so far, {@code delta} appended; the rest is held back. */
  String feed(String delta) {
    pending.append(delta);
    return release(holdFrom());
  }

  /** Everything still held back (the text has ended). */
  String flush() {
    return release(pending.length());
  }

  /** The findings of check {@code i} so far, per type. */
  Map<String, Integer> found(int i) {
    return found.get(i);
  }

  private String release(int cut) {
    if (cut <= 0) {
      return "";
    }
    String scan = context + pending;
    int offset = context.length();
    List<Finding> findings = new ArrayList<>();
    for (SpanCheck check : checks) {
      for (Detection d : check.detect(scan)) {
        int start = d.start() - offset;
        if (start >= 0) {
          findings.add(new Finding(check, new Detection(d.type(), start, d.end() - offset)));
        }
      }
    }
    for (Finding f : findings) {
      if (f.at.start() < cut && f.at.end() > cut) {
        cut = f.at.start();
      }
    }
    if (cut <= 0) {
      return "";
    }
    List<Finding> redacted = new ArrayList<>();
    for (Finding f : findings) {
      if (f.at.end() <= cut) {
        found.get(checks.indexOf(f.check)).merge(f.at.type(), 1, Integer::sum);
        if (f.check.redacts()) {
          redacted.add(f);
        }
      }
    }
    String released = pending.substring(0, cut);
    pending.delete(0, cut);
    String seen = context + released;
    context = seen.substring(Math.max(0, seen.length() - CONTEXT));
    return redact(released, redacted);
  }

  private String redact(String text, List<Finding> findings) {
    if (findings.isEmpty()) {
      return text;
    }
    findings.sort(Comparator.comparingInt((Finding f) -> f.at.start()).thenComparingInt(f -> -f.at.end()));
    StringBuilder out = new StringBuilder(text.length());
    int at = 0;
    for (Finding f : findings) {
      if (f.at.start() >= at) {
        Detection d = f.at;
        out.append(text, at, d.start()).append(f.check.replacement(d, text.substring(d.start(), d.end()), tags));
        at = d.end();
      }
    }
    return out.append(text, at, text.length()).toString();
  }

  /** Where the held-back tail starts. */
  private int holdFrom() {
    int n = pending.length();
    int word = n;
    while (word > 0 && !Character.isWhitespace(pending.charAt(word - 1))) {
      word--;
    }
    int hold = word - reach;
    int begin = pending.lastIndexOf("-----BEGIN");
    if (begin >= 0 && pending.indexOf("-----END", begin) < 0) {
      hold = Math.min(hold, begin);
    }
    return Math.max(hold, n - MAX_HOLD);
  }
}
