package dev.portcullis.migrate;

import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gives a Portkey client constructor without a base URL the gateway's: {@code Portkey(...)} and
 * {@code AsyncPortkey(...)} in Python gain {@code base_url="..."}, {@code new Portkey({...})} in TypeScript and
 * JavaScript gains {@code baseURL: '...'}. A constructor that already names a base URL is left alone (its URL, if
 * Portkey's, is rewritten elsewhere); one whose options are not written out ({@code new Portkey(options)}) is reported
 * for a person to change.
 */
final class ConstructorBaseUrl {

  private static final Pattern PYTHON = Pattern.compile("(?<![\\w])(?:Async)?Portkey\\s*\\(");
  private static final Pattern SCRIPT = Pattern.compile("\\bnew\\s+Portkey\\s*\\(");
  private static final Pattern PYTHON_HAS_BASE = Pattern.compile("\\bbase_url\\s*=|\\*\\*");
  private static final Pattern SCRIPT_HAS_BASE = Pattern.compile("\\bbaseU(?:RL|rl)\\b");
  private static final Pattern LINE_BREAK_AND_INDENT = Pattern.compile("\\A(\\r?\\n)([ \\t]*)");

  private ConstructorBaseUrl() {}

  /**
   * The text with every constructor given the URL.
   *
   * @param added called once per constructor changed
   * @param unchangeable called with the offset of each constructor whose options are not written out
   */
  static String add(SourceKind kind, String text, String gatewayUrl, Runnable added, Consumer<Integer> unchangeable) {
    if (kind != SourceKind.PYTHON && kind != SourceKind.SCRIPT) {
      return text;
    }
    boolean python = kind == SourceKind.PYTHON;
    Matcher m = (python ? PYTHON : SCRIPT).matcher(text);
    StringBuilder out = new StringBuilder();
    int copied = 0;
    while (m.find()) {
      int open = m.end() - 1;
      if (commentedOut(text, m.start(), python)) {
        continue;
      }
      int close = Brackets.closing(text, open);
      if (close < 0) {
        continue;
      }
      String args = text.substring(open + 1, close);
      String insertion = python ? python(args, gatewayUrl) : script(args, gatewayUrl, open, text);
      if (insertion == null) {
        if (!python && !args.isBlank() && !args.strip().startsWith("{")
            && !SCRIPT_HAS_BASE.matcher(args).find()) {
          unchangeable.accept(m.start());
        }
        continue;
      }
      int at = python || args.isBlank() ? open + 1 : text.indexOf('{', open) + 1;
      out.append(text, copied, at).append(insertion);
      copied = at;
      added.run();
    }
    return out.append(text.substring(copied)).toString();
  }

  private static String python(String args, String url) {
    if (PYTHON_HAS_BASE.matcher(args).find()) {
      return null;
    }
    String option = "base_url=\"" + url + "\"";
    return first(args, option);
  }

  private static String script(String args, String url, int open, String text) {
    String option = "baseURL: '" + url + "'";
    if (args.isBlank()) {
      return "{ " + option + " }";
    }
    if (!args.strip().startsWith("{") || SCRIPT_HAS_BASE.matcher(args).find()) {
      return null;
    }
    int brace = text.indexOf('{', open);
    int braceClose = Brackets.closing(text, brace);
    String object = text.substring(brace + 1, braceClose);
    if (object.isBlank()) {
      return " " + option + " ";
    }
    return first(object, option);
  }

  /** The option as the first of {@code existing}, laid out as they are: on its own line, or inline. */
  private static String first(String existing, String option) {
    if (existing.isBlank()) {
      return option;
    }
    Matcher layout = LINE_BREAK_AND_INDENT.matcher(existing);
    if (layout.find()) {
      return layout.group(1) + layout.group(2) + option + ",";
    }
    return existing.startsWith(" ") ? " " + option + "," : option + ", ";
  }

  private static boolean commentedOut(String text, int offset, boolean python) {
    int lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    String before = text.substring(lineStart, offset);
    for (String marker : python ? List.of("#") : List.of("//", "/*", "*")) {
      if (before.strip().startsWith(marker)) {
        return true;
      }
    }
    return false;
  }
}
