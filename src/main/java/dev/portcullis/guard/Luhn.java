package dev.portcullis.guard;

/** Payment card numbers: the Luhn checksum and the issuers' prefixes and lengths. */
final class Luhn {

  private Luhn() {}

  /** Whether {@code candidate} (digits, spaces or dashes) is a card number an issuer could have made. */
  static boolean isCard(String candidate) {
    String digits = digits(candidate);
    int n = digits.length();
    return n >= 13 && n <= 19 && issued(digits, n) && checksum(digits) && separatorsConsistent(candidate);
  }

  static boolean checksum(String digits) {
    int sum = 0;
    boolean twice = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (twice) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      twice = !twice;
    }
    return sum % 10 == 0;
  }

  /** Visa, Mastercard, Amex, Discover, JCB, Diners, UnionPay, Maestro: prefixes with their lengths. */
  private static boolean issued(String d, int n) {
    int two = Integer.parseInt(d.substring(0, 2));
    int four = Integer.parseInt(d.substring(0, 4));
    return switch (d.charAt(0)) {
      case '4' -> n == 13 || n == 16 || n == 19;
      case '5' -> (two >= 51 && two <= 55 && n == 16) || ((two == 50 || two >= 56) && n >= 12);
      case '2' -> four >= 2221 && four <= 2720 && n == 16;
      case '3' -> ((two == 34 || two == 37) && n == 15) || (two == 35 && n >= 16)
          || ((two == 36 || two == 38 || two == 39 || (four >= 3000 && four <= 3059)) && n >= 14);
      case '6' -> n >= 16;
      default -> false;
    };
  }

  /**
   * A number written in groups uses one separator throughout, in the groups cards are printed in: 4-4-4-4 (and a
   * last short group for 17 to 19 digits), or Amex's and Diners' 4-6-5 and 4-6-4.
   */
  private static boolean separatorsConsistent(String candidate) {
    boolean space = candidate.indexOf(' ') >= 0;
    boolean dash = candidate.indexOf('-') >= 0;
    if (!space && !dash) {
      return true;
    }
    if (space && dash) {
      return false;
    }
    String[] groups = candidate.split(space ? " " : "-", -1);
    if (groups.length == 3) {
      return groups[0].length() == 4 && groups[1].length() == 6 && groups[2].length() >= 4
          && groups[2].length() <= 5;
    }
    for (int i = 0; i < groups.length; i++) {
      boolean lastShort = i == 4 && groups[i].length() <= 3;
      if ((groups[i].length() != 4 && !lastShort) || i > 4) {
        return false;
      }
    }
    return groups.length >= 4;
  }

  private static String digits(String candidate) {
    StringBuilder out = new StringBuilder(candidate.length());
    for (int i = 0; i < candidate.length(); i++) {
      char c = candidate.charAt(i);
      if (c >= '0' && c <= '9') {
        out.append(c);
      }
    }
    return out.toString();
  }
}
