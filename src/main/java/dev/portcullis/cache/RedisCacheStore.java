package dev.portcullis.cache;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers kept in Redis, shared by every node: an answer stored through one node is found through every other.
 * One string per answer, {@code portcullis:cache:<workspace>:<namespace tag>:<digest>}, expiring in Redis after its
 * max age ({@code SET ... PX}); counters in one hash per workspace, {@code portcullis:cache-stats:<workspace>}.
 * Redis holds as many answers as its own {@code maxmemory} policy allows.
 */
public final class RedisCacheStore implements CacheStore {

  private static final Logger LOG = LoggerFactory.getLogger(RedisCacheStore.class);
  private static final String PREFIX = "portcullis:cache:";
  private static final String STATS = "portcullis:cache-stats:";
  private static final int SCAN_COUNT = 500;
  /** Connections to Redis, and calls that may wait for one: sized for a node's concurrent cached calls. */
  private static final int POOL_SIZE = 16;
  private static final int POOL_WAITING = 4096;

  private final Redis redis;

  public RedisCacheStore(Vertx vertx, String url) {
    this.redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(url)
        .setMaxPoolSize(POOL_SIZE).setMaxPoolWaiting(POOL_WAITING).setMaxWaitingHandlers(POOL_WAITING));
  }

  @Override
  public Future<Buffer> get(CacheKey key) {
    return redis.send(Request.cmd(Command.GET).arg(name(key))).map(r -> r == null ? null : r.toBuffer());
  }

  @Override
  public Future<Void> put(CacheKey key, Buffer answer, Duration maxAge) {
    return redis.send(Request.cmd(Command.SET).arg(name(key)).arg(answer).arg("PX").arg(maxAge.toMillis()))
        .mapEmpty();
  }

  @Override
  public Future<Long> purge(String workspaceId, String namespace) {
    return scan(pattern(workspaceId, namespace), "0", 0L, (keys, total) -> {
      if (keys.isEmpty()) {
        return Future.succeededFuture(total);
      }
      Request del = Request.cmd(Command.DEL);
      keys.forEach(del::arg);
      return redis.send(del).map(r -> total + r.toLong());
    });
  }

  @Override
  public void count(String workspaceId, CacheStatus status) {
    String field = switch (status) {
      case HIT -> "hits";
      case SEMANTIC_HIT -> "semantic_hits";
      case MISS, SEMANTIC_MISS -> "misses";
      case DISABLED, REFRESH -> null;
    };
    if (field != null) {
      redis.send(Request.cmd(Command.HINCRBY).arg(STATS + workspaceId).arg(field).arg(1))
          .onFailure(e -> LOG.warn("could not count a cache {} in Redis: {}", field, e.getMessage()));
    }
  }

  @Override
  public Future<CacheStats> stats(String workspaceId) {
    Future<long[]> sizes = scan(pattern(workspaceId, null), "0", new long[2], (keys, total) -> {
      if (keys.isEmpty()) {
        return Future.succeededFuture(total);
      }
      List<Request> lengths = new ArrayList<>(keys.size());
      keys.forEach(k -> lengths.add(Request.cmd(Command.STRLEN).arg(k)));
      return redis.batch(lengths).map(answers -> {
        for (Response r : answers) {
          total[0]++;
          total[1] += r.toLong();
        }
        return total;
      });
    });
    Future<Response> counts = redis.send(Request.cmd(Command.HGETALL).arg(STATS + workspaceId));
    return Future.all(sizes, counts).map(done -> {
      long[] s = sizes.result();
      Response c = counts.result();
      return new CacheStats(workspaceId, s[0], s[1], field(c, "hits"), field(c, "semantic_hits"),
          field(c, "misses"));
    });
  }

  private static long field(Response hash, String name) {
    Response value = hash == null ? null : hash.get(name);
    return value == null ? 0 : value.toLong();
  }

  /** What one page of keys adds to the running result. */
  private interface Page<T> {
    Future<T> apply(List<String> keys, T soFar);
  }

  /** Walks every key matching {@code pattern} a page at a time, folding the pages into one result. */
  private <T> Future<T> scan(String pattern, String cursor, T soFar, Page<T> page) {
    return redis.send(Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(pattern).arg("COUNT").arg(SCAN_COUNT))
        .compose(r -> {
          String next = r.get(0).toString();
          List<String> keys = new ArrayList<>();
          r.get(1).forEach(k -> keys.add(k.toString()));
          return page.apply(keys, soFar).compose(result -> next.equals("0") ? Future.succeededFuture(result)
              : scan(pattern, next, result, page));
        });
  }

  private static String name(CacheKey key) {
    return PREFIX + key.workspaceId() + ":" + namespaceTag(key.namespace()) + ":" + key.digest();
  }

  private static String pattern(String workspaceId, String namespace) {
    return PREFIX + globEscaped(workspaceId) + ":" + (namespace == null ? "*" : namespaceTag(namespace) + ":*");
  }

  /** The namespace as a fixed set of characters: {@code _} for none, else the start of its SHA-256 in hex. */
  private static String namespaceTag(String namespace) {
    if (namespace.isEmpty()) {
      return "_";
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(namespace.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static String globEscaped(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }


  @Override
  public String toString() {
    return "RedisCacheStore";
  }
}
