package dev.portcullis.guard;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code default.validUrls}: every http(s) URL in the last message or answer is well formed: it parses, names a
 * host whose labels are letters, digits and hyphens with an alphabetic top-level domain (or an IP address), and has
 * no spaces or control characters. The check makes no network call: Portkey's {@code onlyDNS} is refused, since the
 * gateway does not resolve hosts named by model output.
 */
public final class ValidUrlsCheck implements Check {

  private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"'`)\\]]+", Pattern.CASE_INSENSITIVE);
  private static final Pattern HOST = Pattern.compile(
      "(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}|localhost|\\d{1,3}(?:\\.\\d{1,3}){3}");

  static ValidUrlsCheck from(CheckParams p) {
    return new ValidUrlsCheck();
  }

  @Override
  public CheckOutcome run(GuardSubject subject) {
    String text = subject.lastText();
    if (!text.toLowerCase(Locale.ROOT).contains("http")) {
      return CheckOutcome.pass("no URLs found");
    }
    Matcher m = URL.matcher(text);
    int total = 0;
    int invalid = 0;
    while (m.find()) {
      total++;
      if (!valid(trimPunctuation(m.group()))) {
        invalid++;
      }
    }
    if (total == 0) {
      return CheckOutcome.pass("no URLs found");
    }
    return invalid == 0 ? CheckOutcome.pass("all " + total + " URLs are valid")
        : CheckOutcome.fail(invalid + " of " + total + " URLs are invalid");
  }

  private static String trimPunctuation(String url) {
    int end = url.length();
    while (end > 0 && ".,;:!?".indexOf(url.charAt(end - 1)) >= 0) {
      end--;
    }
    return url.substring(0, end);
  }

  static boolean valid(String url) {
    try {
      URI uri = new URI(url);
      String host = uri.getHost();
      return host != null && HOST.matcher(host).matches();
    } catch (URISyntaxException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "ValidUrlsCheck";
  }
}
