package dev.portcullis.server;

import dev.portcullis.error.GatewayException;

/**
 * The first check of every {@code /v1/*} request: its path and query must be a plain URI that reaches the provider
 * exactly as written. Refused with 400: a dot segment ({@code .} or {@code ..}, also percent-encoded), an encoded
 * slash or backslash (both could climb out of the provider's API path with the server-held credential), a
 * character a URI may not hold (<code>| \ { ^ " &lt;</code>, spaces, controls, non-ASCII), and a broken escape
 * ({@code %zz}).
 */
final class RequestPathValidator {

  private static final String EXPECTED_CHARACTERS =
      "letters, digits, - . _ ~ ! $ & ' ( ) * + , ; = : @ / and %XX escapes";

  private RequestPathValidator() {}

  /**
   * @param path the raw path, as received
   * @param query the raw query, or null
   * @throws GatewayException.BadRequest naming the offending part
   */
  static void check(String path, String query) {
    characters(path, "path", false);
    if (query != null) {
      characters(query, "query", true);
    }
    int start = 0;
    while (start <= path.length()) {
      int end = path.indexOf('/', start);
      if (end < 0) {
        end = path.length();
      }
      String segment = path.substring(start, end).replace("%2e", ".").replace("%2E", ".");
      if (segment.equals(".") || segment.equals("..")) {
        throw GatewayException.badRequest("path: '" + abbreviate(path) + "' holds the dot segment '"
            + path.substring(start, end) + "' (expected: a path without '.' or '..' segments)");
      }
      start = end + 1;
    }
  }

  private static void characters(String text, String part, boolean query) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%') {
        if (i + 2 >= text.length() || hex(text.charAt(i + 1)) < 0 || hex(text.charAt(i + 2)) < 0) {
          throw GatewayException.badRequest(part + ": '" + abbreviate(text) + "' has a broken escape '"
              + text.substring(i, Math.min(i + 3, text.length())) + "' at position " + i
              + " (expected: % followed by two hex digits)");
        }
        int decoded = hex(text.charAt(i + 1)) * 16 + hex(text.charAt(i + 2));
        if (!query && (decoded == '/' || decoded == '\\')) {
          throw GatewayException.badRequest("path: '" + abbreviate(text) + "' holds an encoded "
              + (decoded == '/' ? "slash" : "backslash") + " '" + text.substring(i, i + 3) + "' at position " + i
              + " (expected: a path whose segments are separated by plain '/')");
        }
        i += 2;
      } else if (!allowed(c, query)) {
        throw GatewayException.badRequest(part + ": '" + abbreviate(text) + "' holds the character "
            + describe(c) + " at position " + i + " (expected: " + EXPECTED_CHARACTERS
            + (query ? ", ?" : "") + ")");
      }
    }
  }

  private static boolean allowed(char c, boolean query) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || "-._~!$&'()*+,;=:@/".indexOf(c) >= 0 || (query && c == '?');
  }

  private static String describe(char c) {
    return c > ' ' && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
  }

  private static int hex(char c) {
    return Character.digit(c, 16);
  }

  private static String abbreviate(String s) {
    return s.length() <= 100 ? s : s.substring(0, 97) + "...";
  }
}
