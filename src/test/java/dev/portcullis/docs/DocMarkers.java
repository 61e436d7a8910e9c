package dev.portcullis.docs;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a page says about how its next shell block runs, in an HTML comment just above it (invisible when the page is
 * rendered): {@code <!-- doc-test: mock; status 409 -->}. Directives, separated by {@code ;}:
 * <ul>
 *   <li>{@code skip <reason>}, alone: the block is not run (the reason, required, is the rest of the comment);</li>
 *   <li>{@code mock}: the block needs a real provider; it runs against the mock upstream instead;</li>
 *   <li>{@code status <code>}: the block's last HTTP answer has this status (by default every answer is 2xx);</li>
 *   <li>{@code exit <code>}: the block ends with this exit status (default 0).</li>
 * </ul>
 *
 * @param skipReason why the block is not run, or null when it runs
 * @param mock whether the block runs with provider hosts swapped for the mock upstream
 * @param status the status the block's last HTTP answer must have, or null for any 2xx
 * @param exit the exit status the block must end with
 */
record DocMarkers(String skipReason, boolean mock, Integer status, int exit) {

  static final DocMarkers NONE = new DocMarkers(null, false, null, 0);

  private static final Pattern COMMENT = Pattern.compile("^<!--\\s*doc-test:(.*?)-->\\s*$");

  /** The markers of a line, or null when the line is not a doc-test comment. */
  static DocMarkers parse(String line) {
    Matcher m = COMMENT.matcher(line.trim());
    if (!m.matches()) {
      return null;
    }
    String text = m.group(1).trim();
    if (text.equals("skip") || text.startsWith("skip ")) {
      String reason = text.substring("skip".length()).trim();
      if (reason.isEmpty()) {
        throw new IllegalArgumentException("doc-test skip: no reason (expected: skip <why the block cannot run>)");
      }
      return new DocMarkers(reason, false, null, 0);
    }
    boolean mock = false;
    Integer status = null;
    int exit = 0;
    for (String directive : text.split(";")) {
      String d = directive.trim();
      String word = d.split("\\s+", 2)[0];
      String rest = d.substring(word.length()).trim();
      switch (word) {
        case "mock" -> mock = true;
        case "status" -> status = number(d, rest);
        case "exit" -> exit = number(d, rest);
        default -> throw new IllegalArgumentException("doc-test directive '" + d
            + "' (expected: mock, status <code> or exit <code>, separated by ';'; or skip <reason> alone)");
      }
    }
    return new DocMarkers(null, mock, status, exit);
  }

  private static int number(String directive, String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("doc-test directive '" + directive + "' (expected: a number after it)");
    }
  }
}
