package dev.portcullis.net;

import dev.portcullis.config.ConfigException;
import dev.portcullis.error.GatewayException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one rule for every host a caller names (a custom host, a virtual key's {@code base_url}): it must resolve
 * only to ordinary public addresses, none in the {@link SpecialAddressTable}, unless the operator trusts the name
 * or the address ({@code PORTCULLIS_TRUSTED_HOSTS}). Blocking: it resolves names.
 */
public final class HostPolicy {

  private static final Logger LOG = LoggerFactory.getLogger(HostPolicy.class);

  private final List<String> trustedNames = new ArrayList<>();
  private final List<AddressRange> trustedRanges = new ArrayList<>();
  private final SpecialAddressTable table;

  /**
   * @param trustedHosts host names, addresses and CIDR ranges from {@code PORTCULLIS_TRUSTED_HOSTS}
   * @throws ConfigException when an entry is neither a name nor an address or range
   */
  public HostPolicy(List<String> trustedHosts, SpecialAddressTable table) {
    this.table = table;
    for (String t : trustedHosts) {
      if (t.contains("/") || AddressRange.isLiteral(t)) {
        try {
          trustedRanges.add(AddressRange.parse(t));
        } catch (IllegalArgumentException e) {
          throw new ConfigException("trusted_hosts / PORTCULLIS_TRUSTED_HOSTS: '" + t
              + "' (expected: a host name, an IP address, or a CIDR range such as 10.0.0.0/8)");
        }
      } else {
        trustedNames.add(t.toLowerCase(Locale.ROOT));
      }
    }
  }

  /** The policy for this machine: the table with the addresses of its network interfaces. */
  public static HostPolicy forThisHost(List<String> trustedHosts) {
    return new HostPolicy(trustedHosts, SpecialAddressTable.withOwnAddresses(interfaceAddresses()));
  }

  /**
   * Resolves the URL's host and answers the address to connect to (pin it, so a changed DNS answer cannot redirect
   * the call), or throws a 400 naming the address and why it is refused.
   *
   * @param source what named the host, for the message and {@code param} ({@code x-portkey-custom-host})
   */
  public InetAddress check(URI url, String source) {
    String host = url.getHost();
    String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    boolean trustedName = trustedNames.contains(bare.toLowerCase(Locale.ROOT));
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(bare);
    } catch (UnknownHostException e) {
      throw GatewayException.badRequest(source + ": host '" + host + "' of '" + url + "' does not resolve "
          + "(expected: a resolvable host name)", source);
    }
    if (!trustedName) {
      for (InetAddress a : addresses) {
        Optional<SpecialAddressTable.Row> row = table.find(a);
        if (row.isPresent() && trustedRanges.stream().noneMatch(r -> r.contains(a))) {
          throw GatewayException.badRequest(source + ": '" + url + "' resolves to " + a.getHostAddress() + " in "
              + row.get().range() + ", " + row.get().reason() + " (expected: a public host, or one listed in "
              + "PORTCULLIS_TRUSTED_HOSTS)", source);
        }
      }
    }
    return addresses[0];
  }

  private static List<InetAddress> interfaceAddresses() {
    List<InetAddress> out = new ArrayList<>();
    try {
      for (NetworkInterface i : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        out.addAll(Collections.list(i.getInetAddresses()));
      }
    } catch (SocketException e) {
      LOG.warn("could not list this machine's network interfaces; only the IANA special-purpose ranges guard "
          + "custom hosts: {}", e.getMessage());
      return List.of();
    }
    return out;
  }
}
