package dev.portcullis.net;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Addresses a caller-named host must not resolve to: every row of IANA's IPv4 and IPv6 Special-Purpose Address
 * Registries (RFC 6890 and its updates), multicast, the deprecated IPv4-compatible IPv6 block, and the gateway's own
 * interface addresses. Each row says why, and the refusal quotes it. Rows are checked in order, so a narrow row
 * ({@code ::1/128}) is named before the wide one that also holds it ({@code ::/96}). IPv4-mapped addresses
 * ({@code ::ffff:0:0/96}) need no row: Java reads them as the IPv4 address they carry, which the IPv4 rows judge.
 */
public final class SpecialAddressTable {

  /** One range and why a caller may not make the gateway connect there. */
  public record Row(AddressRange range, String reason) {
    @Override
    public String toString() {
      return range + " " + reason;
    }
  }

  /** The registries' rows, as of RFC 9637 (2024). */
  public static final List<Row> IANA = List.of(
      row("0.0.0.0/8", "'this network' (RFC 791)"),
      row("10.0.0.0/8", "private use (RFC 1918)"),
      row("100.64.0.0/10", "shared address space for carrier-grade NAT (RFC 6598)"),
      row("127.0.0.0/8", "loopback (RFC 1122)"),
      row("169.254.0.0/16", "link-local, where cloud metadata services answer (RFC 3927)"),
      row("172.16.0.0/12", "private use (RFC 1918)"),
      row("192.0.0.0/24", "IETF protocol assignments (RFC 6890)"),
      row("192.0.2.0/24", "documentation, TEST-NET-1 (RFC 5737)"),
      row("192.31.196.0/24", "AS112 DNS service (RFC 7535)"),
      row("192.52.193.0/24", "automatic multicast tunneling (RFC 7450)"),
      row("192.88.99.0/24", "deprecated 6to4 relay anycast (RFC 7526)"),
      row("192.168.0.0/16", "private use (RFC 1918)"),
      row("192.175.48.0/24", "AS112 direct delegation (RFC 7534)"),
      row("198.18.0.0/15", "benchmarking (RFC 2544)"),
      row("198.51.100.0/24", "documentation, TEST-NET-2 (RFC 5737)"),
      row("203.0.113.0/24", "documentation, TEST-NET-3 (RFC 5737)"),
      row("224.0.0.0/4", "multicast (RFC 5771)"),
      row("255.255.255.255/32", "limited broadcast (RFC 919)"),
      row("240.0.0.0/4", "reserved for future use (RFC 1112)"),
      row("::/128", "the unspecified address (RFC 4291)"),
      row("::1/128", "loopback (RFC 4291)"),
      row("::/96", "IPv4-compatible, deprecated (RFC 4291)"),
      row("64:ff9b::/96", "IPv4/IPv6 translation, NAT64 (RFC 6052)"),
      row("64:ff9b:1::/48", "local-use IPv4/IPv6 translation (RFC 8215)"),
      row("100::/64", "discard-only (RFC 6666)"),
      row("2001:db8::/32", "documentation (RFC 3849)"),
      row("2001::/23", "IETF protocol assignments: Teredo, benchmarking, ORCHID (RFC 2928)"),
      row("2002::/16", "6to4, which embeds an IPv4 address (RFC 3056)"),
      row("3fff::/20", "documentation (RFC 9637)"),
      row("5f00::/16", "segment routing SIDs (RFC 9602)"),
      row("fc00::/7", "unique local (RFC 4193)"),
      row("fe80::/10", "link-local (RFC 4291)"),
      row("fec0::/10", "site-local, deprecated (RFC 3879)"),
      row("ff00::/8", "multicast (RFC 4291)"));

  private final List<Row> rows;

  private SpecialAddressTable(List<Row> rows) {
    this.rows = List.copyOf(rows);
  }

  /** The IANA rows, then one row per address of the gateway's own interfaces. */
  public static SpecialAddressTable withOwnAddresses(Collection<InetAddress> own) {
    List<Row> rows = new ArrayList<>(IANA);
    for (InetAddress a : own) {
      rows.add(new Row(AddressRange.parse(a.getHostAddress().replaceFirst("%.*", "")),
          "an address of this gateway's own network interfaces"));
    }
    return new SpecialAddressTable(rows);
  }

  /** The first row holding {@code address}, or empty when it is an ordinary public address. */
  public Optional<Row> find(InetAddress address) {
    for (Row r : rows) {
      if (r.range().contains(address)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  private static Row row(String range, String reason) {
    return new Row(AddressRange.parse(range), reason);
  }
}
