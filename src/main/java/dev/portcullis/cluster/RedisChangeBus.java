package dev.portcullis.cluster;

import dev.portcullis.config.ConfigException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spreads changes to every node through one Redis pub/sub channel. A change published here reaches this process's
 * listeners directly and other nodes through Redis; a node ignores its own messages coming back. The subscription
 * reconnects by itself after Redis goes away (messages sent meanwhile are lost, which holders' own refresh covers).
 */
public final class RedisChangeBus implements ChangeBus {

  private static final Logger LOG = LoggerFactory.getLogger(RedisChangeBus.class);
  private static final long RECONNECT_DELAY_MS = 1_000;
  private static final long CONNECT_TIMEOUT_SECONDS = 10;

  private final Vertx vertx;
  private final Redis publisher;
  private final Redis subscriberClient;
  private final String channel;
  private final String nodeId = UUID.randomUUID().toString();
  private final LocalChangeBus local = new LocalChangeBus();
  private final Set<Future<Response>> inFlight = ConcurrentHashMap.newKeySet();
  private volatile RedisConnection subscription;
  private volatile boolean subscribed;
  private volatile boolean closed;

  private RedisChangeBus(Vertx vertx, String url, String channel) {
    this.vertx = vertx;
    this.channel = channel;
    RedisOptions options = new RedisOptions().setConnectionString(url);
    this.publisher = Redis.createClient(vertx, options);
    this.subscriberClient = Redis.createClient(vertx, new RedisOptions(options));
  }

  /** Connects and subscribes; the future completes once Redis has confirmed the subscription. */
  public static Future<RedisChangeBus> connect(Vertx vertx, String url, String channel) {
    RedisChangeBus bus = new RedisChangeBus(vertx, url, channel);
    return bus.subscribeToRedis().map(bus).onFailure(e -> bus.close());
  }

  /**
   * Connects and subscribes, waiting up to {@value #CONNECT_TIMEOUT_SECONDS} seconds: for a process starting up.
   *
   * @throws ConfigException in one line naming the Redis (never its password) when it cannot be reached: a process
   *     does not start without the Redis it is configured with; once connected, a lost connection is re-made by itself
   */
  public static RedisChangeBus open(Vertx vertx, String url, String channel) {
    try {
      return connect(vertx, url, channel).await(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      String reason = e instanceof TimeoutException ? "no answer within " + CONNECT_TIMEOUT_SECONDS + " s"
          : String.valueOf(e.getMessage()).lines().findFirst().orElse(e.toString());
      throw new ConfigException("redis_url / PORTCULLIS_REDIS_URL: cannot connect to Redis at " + hostAndPort(url)
          + " (" + reason + "); Portcullis does not start without the Redis it is given, and retries only a "
          + "connection it once had (expected: a reachable Redis, or no redis_url to keep changes in this process)");
    }
  }

  private static String hostAndPort(String url) {
    try {
      URI uri = new URI(url);
      return uri.getHost() + ":" + (uri.getPort() < 0 ? 6379 : uri.getPort());
    } catch (URISyntaxException e) {
      return "the configured URL";
    }
  }

  @Override
  public void publish(Change change) {
    local.publish(change);
    Future<Response> sent = publisher.send(Request.cmd(Command.PUBLISH).arg(channel).arg(nodeId + "|" + change.encode()));
    inFlight.add(sent);
    sent.onComplete(ar -> inFlight.remove(sent))
        .onFailure(e -> LOG.warn("could not announce {} on Redis channel {}: {}", change, channel, e.getMessage()));
  }

  /** Completes once every message published so far has been answered by Redis; for short-lived processes. */
  public Future<Void> drained() {
    return Future.join(List.copyOf(inFlight)).mapEmpty();
  }

  /** Whether the subscription to Redis stands now: false from a lost connection until it is made again. */
  public boolean subscribed() {
    return subscribed;
  }

  @Override
  public void subscribe(Consumer<Change> listener) {
    local.subscribe(listener);
  }

  @Override
  public void close() {
    closed = true;
    RedisConnection c = subscription;
    if (c != null) {
      c.close();
    }
    subscriberClient.close();
    publisher.close();
    local.close();
  }

  private Future<Void> subscribeToRedis() {
    return subscriberClient.connect().compose(conn -> {
      subscription = conn;
      conn.handler(this::received);
      conn.exceptionHandler(e -> LOG.warn("Redis subscription to {} failed: {}", channel, e.getMessage()));
      conn.endHandler(v -> {
        subscribed = false;
        reconnectLater();
      });
      return conn.send(Request.cmd(Command.SUBSCRIBE).arg(channel)).onSuccess(r -> subscribed = true)
          .<Void>mapEmpty();
    });
  }

  private void reconnectLater() {
    if (closed) {
      return;
    }
    LOG.warn("Redis subscription to {} closed; reconnecting in {} ms", channel, RECONNECT_DELAY_MS);
    vertx.setTimer(RECONNECT_DELAY_MS, id -> {
      if (!closed) {
        subscribeToRedis().onFailure(e -> reconnectLater());
      }
    });
  }

  private void received(Response message) {
    boolean array = message.type() == ResponseType.PUSH || message.type() == ResponseType.MULTI;
    if (!array || message.size() != 3 || !"message".equals(message.get(0).toString())) {
      return;
    }
    String payload = message.get(2).toString();
    int bar = payload.indexOf('|');
    if (bar < 0 || payload.substring(0, bar).equals(nodeId)) {
      return;
    }
    try {
      local.publish(Change.decode(payload.substring(bar + 1)));
    } catch (IllegalArgumentException e) {
      LOG.warn("ignoring a malformed message on Redis channel {}: {}", channel, e.getMessage());
    }
  }
}
