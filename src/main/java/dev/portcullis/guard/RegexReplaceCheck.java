package dev.portcullis.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code portcullis.regexReplace}: every match of {@code rule} in every text is replaced by {@code replacement}
 * (default {@code [REDACTED]}, taken literally). It always passes; a replacement marks the guardrail transformed.
 * On a stream, a match may be up to {@value #STREAM_HOLDBACK} characters long.
 */
public final class RegexReplaceCheck implements SpanCheck {

  static final int STREAM_HOLDBACK = 256;

  private final Pattern rule;
  private final String replacement;

  RegexReplaceCheck(Pattern rule, String replacement) {
    this.rule = rule;
    this.replacement = replacement;
  }

  static RegexReplaceCheck from(CheckParams p) {
    Pattern rule = RegexRule.compile(p, "rule");
    String replacement = p.string("replacement", false);
    return new RegexReplaceCheck(rule, replacement == null ? "[REDACTED]" : replacement);
  }

  @Override
  public List<Detection> detect(String text) {
    List<Detection> found = new ArrayList<>();
    Matcher m = rule.matcher(text);
    while (m.find()) {
      if (m.end() > m.start()) {
        found.add(new Detection("REGEX", m.start(), m.end()));
      }
    }
    return found;
  }

  @Override
  public boolean redacts() {
    return true;
  }

  @Override
  public String replacement(Detection d, String value, RedactionTags tags) {
    return replacement;
  }

  @Override
  public int maxLength() {
    return STREAM_HOLDBACK;
  }

  @Override
  public String toString() {
    return "RegexReplaceCheck[" + rule.pattern().length() + " chars]";
  }
}
