package dev.portcullis.routing;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.portcullis.error.GatewayException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Refuses caller-supplied hosts (custom hosts, virtual-key base URLs) that resolve to private, loopback,
 * link-local, metadata or otherwise internal addresses, unless the operator trusted them. The address that passed
 * is pinned, so a DNS answer that changes between check and connect cannot redirect the call.
 */
public final class CustomHostGuard {

  private final Vertx vertx;
  private final List<String> trustedNames = new ArrayList<>();
  private final List<Cidr> trustedRanges = new ArrayList<>();
  private final Cache<String, InetAddress> verdicts =
      Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofSeconds(30)).build();

  public CustomHostGuard(Vertx vertx, List<String> trustedHosts) {
    this.vertx = vertx;
    for (String t : trustedHosts) {
      if (t.contains("/")) {
        trustedRanges.add(Cidr.parse(t));
      } else if (Character.isDigit(t.charAt(0)) || t.contains(":")) {
        trustedRanges.add(Cidr.parse(t + (t.contains(":") ? "/128" : "/32")));
      } else {
        trustedNames.add(t.toLowerCase(Locale.ROOT));
      }
    }
  }

  /** Resolves the host (on a worker thread) and answers the address to connect to, or a 400 naming the reason. */
  public Future<InetAddress> check(URI url, String source) {
    String host = url.getHost();
    InetAddress cached = verdicts.getIfPresent(host);
    if (cached != null) {
      return Future.succeededFuture(cached);
    }
    return vertx.executeBlocking(() -> decide(host, url, source), false)
        .onSuccess(address -> verdicts.put(host, address));
  }

  private InetAddress decide(String host, URI url, String source) {
    boolean trustedName = trustedNames.contains(host.toLowerCase(Locale.ROOT));
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
    } catch (UnknownHostException e) {
      throw GatewayException.badRequest(source + ": host '" + host + "' of '" + url + "' does not resolve "
          + "(expected: a resolvable host name)", source);
    }
    for (InetAddress a : addresses) {
      if (!trustedName && isInternal(a) && trustedRanges.stream().noneMatch(r -> r.contains(a))) {
        throw GatewayException.badRequest(source + ": '" + url + "' resolves to internal address "
            + a.getHostAddress() + " (expected: a public host, or one listed in PORTCULLIS_TRUSTED_HOSTS)", source);
      }
    }
    return addresses[0];
  }

  static boolean isInternal(InetAddress a) {
    if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
        || a.isMulticastAddress()) {
      return true;
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet6Address) {
      return (b[0] & 0xfe) == 0xfc; // fc00::/7 unique local
    }
    int first = b[0] & 0xff;
    int second = b[1] & 0xff;
    return first == 0 || (first == 100 && second >= 64 && second <= 127) || (first == 198 && (second == 18 || second == 19));
  }

  /** An address range in CIDR notation. */
  record Cidr(byte[] network, int prefix) {

    static Cidr parse(String text) {
      int slash = text.indexOf('/');
      try {
        InetAddress address = literal(text.substring(0, slash));
        int prefix = Integer.parseInt(text.substring(slash + 1));
        if (prefix < 0 || prefix > address.getAddress().length * 8) {
          throw new IllegalArgumentException();
        }
        return new Cidr(address.getAddress(), prefix);
      } catch (IllegalArgumentException e) {
        throw new dev.portcullis.config.ConfigException("trusted_hosts / PORTCULLIS_TRUSTED_HOSTS: '" + text
            + "' (expected: a host name, an IP address, or a CIDR range such as 10.0.0.0/8)");
      }
    }

    /** Parses an address literal; names are refused here so no DNS lookup can happen. */
    private static InetAddress literal(String text) {
      if (!text.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
        throw new IllegalArgumentException(text);
      }
      try {
        return InetAddress.getByName(text);
      } catch (java.net.UnknownHostException e) {
        throw new IllegalArgumentException(text, e);
      }
    }

    boolean contains(InetAddress a) {
      byte[] b = a.getAddress();
      if (b.length != network.length) {
        return false;
      }
      for (int bit = 0; bit < prefix; bit++) {
        int mask = 0x80 >> (bit % 8);
        if ((b[bit / 8] & mask) != (network[bit / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }
}
