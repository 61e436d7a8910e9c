package dev.portcullis.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Every row of the table, with an address inside it, and the reason the refusal gives. */
class SpecialAddressTableTest {

  private static final SpecialAddressTable TABLE = SpecialAddressTable.withOwnAddresses(List.of());

  static Stream<Arguments> rows() {
    return Stream.of(
        Arguments.of("0.1.2.3", "0.0.0.0/8", "'this network' (RFC 791)"),
        Arguments.of("10.20.30.40", "10.0.0.0/8", "private use (RFC 1918)"),
        Arguments.of("100.127.255.254", "100.64.0.0/10", "shared address space for carrier-grade NAT (RFC 6598)"),
        Arguments.of("127.8.9.10", "127.0.0.0/8", "loopback (RFC 1122)"),
        Arguments.of("169.254.169.254", "169.254.0.0/16", "link-local, where cloud metadata services answer (RFC 3927)"),
        Arguments.of("172.31.255.255", "172.16.0.0/12", "private use (RFC 1918)"),
        Arguments.of("192.0.0.170", "192.0.0.0/24", "IETF protocol assignments (RFC 6890)"),
        Arguments.of("192.0.2.1", "192.0.2.0/24", "documentation, TEST-NET-1 (RFC 5737)"),
        Arguments.of("192.31.196.1", "192.31.196.0/24", "AS112 DNS service (RFC 7535)"),
        Arguments.of("192.52.193.1", "192.52.193.0/24", "automatic multicast tunneling (RFC 7450)"),
        Arguments.of("192.88.99.1", "192.88.99.0/24", "deprecated 6to4 relay anycast (RFC 7526)"),
        Arguments.of("192.168.1.1", "192.168.0.0/16", "private use (RFC 1918)"),
        Arguments.of("192.175.48.6", "192.175.48.0/24", "AS112 direct delegation (RFC 7534)"),
        Arguments.of("198.19.0.1", "198.18.0.0/15", "benchmarking (RFC 2544)"),
        Arguments.of("198.51.100.7", "198.51.100.0/24", "documentation, TEST-NET-2 (RFC 5737)"),
        Arguments.of("203.0.113.9", "203.0.113.0/24", "documentation, TEST-NET-3 (RFC 5737)"),
        Arguments.of("239.255.255.250", "224.0.0.0/4", "multicast (RFC 5771)"),
        Arguments.of("255.255.255.255", "255.255.255.255/32", "limited broadcast (RFC 919)"),
        Arguments.of("240.1.2.3", "240.0.0.0/4", "reserved for future use (RFC 1112)"),
        Arguments.of("::", "::/128", "the unspecified address (RFC 4291)"),
        Arguments.of("::1", "::1/128", "loopback (RFC 4291)"),
        Arguments.of("::127.0.0.1", "::/96", "IPv4-compatible, deprecated (RFC 4291)"),
        Arguments.of("::169.254.169.254", "::/96", "IPv4-compatible, deprecated (RFC 4291)"),
        Arguments.of("64:ff9b::a9fe:a9fe", "64:ff9b::/96", "IPv4/IPv6 translation, NAT64 (RFC 6052)"),
        Arguments.of("64:ff9b:1::1", "64:ff9b:1::/48", "local-use IPv4/IPv6 translation (RFC 8215)"),
        Arguments.of("100::1", "100::/64", "discard-only (RFC 6666)"),
        Arguments.of("2001:db8::1", "2001:db8::/32", "documentation (RFC 3849)"),
        Arguments.of("2001:0:4136:e378::1", "2001::/23",
            "IETF protocol assignments: Teredo, benchmarking, ORCHID (RFC 2928)"),
        Arguments.of("2002:7f00:1::1", "2002::/16", "6to4, which embeds an IPv4 address (RFC 3056)"),
        Arguments.of("3fff::1", "3fff::/20", "documentation (RFC 9637)"),
        Arguments.of("5f00::1", "5f00::/16", "segment routing SIDs (RFC 9602)"),
        Arguments.of("fd00::2", "fc00::/7", "unique local (RFC 4193)"),
        Arguments.of("fe80::1", "fe80::/10", "link-local (RFC 4291)"),
        Arguments.of("fec0::1", "fec0::/10", "site-local, deprecated (RFC 3879)"),
        Arguments.of("ff02::1", "ff00::/8", "multicast (RFC 4291)"));
  }

  @ParameterizedTest(name = "{0} is in {1}")
  @MethodSource("rows")
  void everyIanaRowRefusesItsRangeWithItsReason(String address, String range, String reason) throws Exception {
    Optional<SpecialAddressTable.Row> row = TABLE.find(InetAddress.getByName(address));
    assertThat(row).isPresent();
    assertThat(row.get().range()).hasToString(range);
    assertThat(row.get().reason()).isEqualTo(reason);
  }

  @Test
  void everyRowOfTheTableIsCoveredByTheCasesAbove() {
    assertThat(rows().map(a -> (String) a.get()[1]).distinct())
        .containsExactlyInAnyOrderElementsOf(SpecialAddressTable.IANA.stream().map(r -> r.range().toString())
            .toList());
  }

  @Test
  void ipv4MappedIpv6IsJudgedAsTheIpv4AddressItCarries() throws Exception {
    Optional<SpecialAddressTable.Row> row = TABLE.find(InetAddress.getByName("::ffff:169.254.169.254"));
    assertThat(row.map(SpecialAddressTable.Row::reason))
        .hasValue("link-local, where cloud metadata services answer (RFC 3927)");
  }

  @Test
  void theGatewaysOwnInterfaceAddressesAreRefused() throws Exception {
    SpecialAddressTable own = SpecialAddressTable.withOwnAddresses(List.of(InetAddress.getByName("93.184.215.14")));
    assertThat(own.find(InetAddress.getByName("93.184.215.14")).map(SpecialAddressTable.Row::reason))
        .hasValue("an address of this gateway's own network interfaces");
  }

  @ParameterizedTest
  @ValueSource(strings = {"93.184.215.14", "8.8.8.8", "1.1.1.1", "2606:4700::1111", "2a00:1450:4001::1"})
  void ordinaryPublicAddressesAreNotInTheTable(String address) throws Exception {
    assertThat(TABLE.find(InetAddress.getByName(address))).isEmpty();
  }
}
