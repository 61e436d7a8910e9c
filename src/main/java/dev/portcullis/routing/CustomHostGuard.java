package dev.portcullis.routing;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.portcullis.net.HostPolicy;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;

/**
 * Applies the {@link HostPolicy} to caller-supplied hosts (custom hosts, virtual-key base URLs) off the event loop,
 * remembering an allowed host's address for 30 seconds. The address that passed is pinned, so a DNS answer that
 * changes between check and connect cannot redirect the call.
 */
public final class CustomHostGuard {

  private final Vertx vertx;
  private final HostPolicy policy;
  private final Cache<String, InetAddress> verdicts =
      Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofSeconds(30)).build();

  public CustomHostGuard(Vertx vertx, HostPolicy policy) {
    this.vertx = vertx;
    this.policy = policy;
  }

  /** Resolves the host (on a worker thread) and answers the address to connect to, or a 400 naming the reason. */
  public Future<InetAddress> check(URI url, String source) {
    String host = url.getHost();
    InetAddress cached = verdicts.getIfPresent(host);
    if (cached != null) {
      return Future.succeededFuture(cached);
    }
    return vertx.executeBlocking(() -> policy.check(url, source), false)
        .onSuccess(address -> verdicts.put(host, address));
  }
}
