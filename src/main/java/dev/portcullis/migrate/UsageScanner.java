package dev.portcullis.migrate;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the Portkey usage that stays as it is or needs a person, with where it is. */
final class UsageScanner {

  private record Probe(Finding.Kind kind, Pattern pattern) {}

  private static final List<Probe> PROBES = List.of(
      new Probe(Finding.Kind.SLUG_MODEL, Pattern.compile("[\"'`]@([a-z0-9][a-z0-9_-]*)/[^\"'`\\s]+[\"'`]")),
      new Probe(Finding.Kind.VIRTUAL_KEY, Pattern.compile("[\"'`]@([a-z0-9][a-z0-9_-]*)/[^\"'`\\s]+[\"'`]")),
      new Probe(Finding.Kind.VIRTUAL_KEY,
          Pattern.compile("(?i)virtual[_-]?key[\"']?\\s*[:=,]\\s*[\"'`]([^\"'`\\s]+)[\"'`]")),
      new Probe(Finding.Kind.CONFIG, Pattern.compile("[\"'`](pc-[A-Za-z0-9-]+)[\"'`]")),
      new Probe(Finding.Kind.PROMPT, Pattern.compile("(?i)prompt_?id[\"']?\\s*[:=]\\s*[\"'`]([^\"'`\\s]+)[\"'`]")),
      new Probe(Finding.Kind.PORTKEY_HEADER, Pattern.compile("(?i)(x-portkey-[a-z0-9-]+)")),
      new Probe(Finding.Kind.CREATE_HEADERS, Pattern.compile("\\b(createHeaders)\\s*\\(")));

  private UsageScanner() {}

  static List<Finding> scan(String relativePath, String text) {
    List<Finding> out = new ArrayList<>();
    for (Probe probe : PROBES) {
      Matcher m = probe.pattern().matcher(text);
      while (m.find()) {
        out.add(new Finding(probe.kind(), m.group(1), relativePath, lineOf(text, m.start())));
      }
    }
    return out;
  }

  static int lineOf(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }
}
