package dev.portcullis.server;

import com.sun.management.UnixOperatingSystemMXBean;
import dev.portcullis.error.GatewayException;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.IdleStateHandler;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits client connections up to {@code PORTCULLIS_MAX_CONNECTIONS} across every event loop and watches each
 * admitted one ({@link ConnectionWatch}: idle and header timeouts). A connection over the limit is answered
 * {@code 503} with {@code retry-after: 1} and the JSON error once its request has arrived, then closed
 * ({@link RefusedConnection}). One instance serves every server instance of a gateway.
 *
 * <p>Vert.x has no public hook into a connection's byte stream, so the watch is added to the connection's Netty
 * pipeline through {@link ConnectionBase#channel()}.
 */
final class ConnectionGuard {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);

  private final int maxConnections;
  private final Duration idleTimeout;
  private final Duration headerTimeout;
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicLong refused = new AtomicLong();

  ConnectionGuard(int maxConnections, Duration idleTimeout, Duration headerTimeout) {
    this.maxConnections = maxConnections;
    this.idleTimeout = idleTimeout;
    this.headerTimeout = headerTimeout;
  }

  /** Warns when the process may open fewer files than the connection limit lets clients hold. */
  void warnIfFileLimitIsLower() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix
        && unix.getMaxFileDescriptorCount() < maxConnections) {
      LOG.warn("the open-files limit ({}) is lower than PORTCULLIS_MAX_CONNECTIONS ({}): the gateway may stop "
          + "accepting before the limit answers 503; raise it (ulimit -n) or lower PORTCULLIS_MAX_CONNECTIONS",
          unix.getMaxFileDescriptorCount(), maxConnections);
    }
  }

  /** The server's connection handler: admits or refuses a new connection. */
  void accept(HttpConnection connection) {
    Channel channel = ((ConnectionBase) connection).channel();
    if (open.incrementAndGet() > maxConnections) {
      open.decrementAndGet();
      refused.incrementAndGet();
      channel.pipeline().addBefore("handler", "refused", new RefusedConnection(headerTimeout, answer(
          HttpResponseStatus.SERVICE_UNAVAILABLE, GatewayException.overloaded("the gateway holds its limit of "
              + maxConnections + " connections (PORTCULLIS_MAX_CONNECTIONS); retry shortly"))));
      return;
    }
    channel.closeFuture().addListener(f -> open.decrementAndGet());
    ConnectionWatch watch = new ConnectionWatch(headerTimeout, answer(HttpResponseStatus.REQUEST_TIMEOUT,
        GatewayException.timeout("request headers did not arrive within " + headerTimeout.toMillis()
            + " ms (PORTCULLIS_HEADER_TIMEOUT)")));
    channel.pipeline().addBefore("httpDecoder", "idleWatch",
        new IdleStateHandler(0, 0, idleTimeout.toMillis(), TimeUnit.MILLISECONDS));
    channel.pipeline().addBefore("httpDecoder", "bytesWatch", watch.bytes());
    channel.pipeline().addBefore("handler", "exchangesWatch", watch.exchanges());
  }

  /** Client connections open now (admitted ones). */
  int open() {
    return open.get();
  }

  /** Connections refused for being over the limit since start. */
  long refused() {
    return refused.get();
  }

  /** A complete answer written below the HTTP server: the JSON error, then the connection closes. */
  private static Answer answer(HttpResponseStatus status, GatewayException e) {
    byte[] body = ErrorRenderer.body(e).getBytes();
    return () -> {
      FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
      r.headers().set("content-type", "application/json").set("content-length", body.length)
          .set("connection", "close");
      if (e instanceof GatewayException.Overloaded o) {
        r.headers().set("retry-after", o.retryAfterSeconds());
      }
      return r;
    };
  }

  /** Makes a fresh response for each use (a Netty message is consumed by writing it). */
  @FunctionalInterface
  interface Answer {
    FullHttpResponse response();
  }
}
