package dev.portcullis.guard;

/**
 * IPv6 literals: eight groups of one to four hex digits, or fewer around one {@code ::}. A compressed form needs
 * at least three groups, so {@code de::ad} in prose or code is not taken for an address.
 */
final class Ipv6Address {

  private Ipv6Address() {}

  static boolean valid(String s) {
    int compress = s.indexOf("::");
    if (compress < 0) {
      return groups(s) == 8;
    }
    if (s.indexOf("::", compress + 1) >= 0) {
      return false;
    }
    int left = compress == 0 ? 0 : groups(s.substring(0, compress));
    int right = compress + 2 == s.length() ? 0 : groups(s.substring(compress + 2));
    return left >= 0 && right >= 0 && left + right >= 3 && left + right <= 7;
  }

  /** The number of groups in {@code s}, or -1 when one is empty or not 1..4 hex digits. */
  private static int groups(String s) {
    String[] groups = s.split(":", -1);
    for (String g : groups) {
      if (g.isEmpty() || g.length() > 4) {
        return -1;
      }
      for (int i = 0; i < g.length(); i++) {
        if (Character.digit(g.charAt(i), 16) < 0) {
          return -1;
        }
      }
    }
    return groups.length;
  }
}
