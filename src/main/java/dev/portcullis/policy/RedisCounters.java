package dev.portcullis.policy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * Counters in Redis, shared by every node: each admission is one Lua script, which Redis runs atomically, so N nodes
 * admitting at once never take a counter over its limit. Counters expire with their window. Non-blocking; when Redis
 * cannot be reached the futures fail and the caller applies the configured failure mode. The client reconnects by
 * itself on the next command once Redis is back.
 */
public final class RedisCounters implements Counters {

  private static final String TRY_ADD = """
      local v = tonumber(redis.call('GET', KEYS[1]) or '0')
      local a = tonumber(ARGV[1])
      local limit = tonumber(ARGV[2])
      if (a > 0 and v + a > limit) or (a == 0 and v >= limit) then
        return {0, v}
      end
      if a > 0 then
        v = redis.call('INCRBY', KEYS[1], a)
        redis.call('PEXPIREAT', KEYS[1], ARGV[3])
      end
      return {1, v}
      """;
  private static final String ADD = """
      local v = redis.call('INCRBY', KEYS[1], ARGV[1])
      redis.call('PEXPIREAT', KEYS[1], ARGV[2])
      return v
      """;
  private final Redis redis;

  public RedisCounters(Vertx vertx, String url) {
    this.redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(url).setMaxPoolSize(16)
        .setMaxPoolWaiting(4096));
  }

  @Override
  public Future<Admission> tryAdd(String key, long amount, long limit, long expiresAtMs) {
    return redis.send(Request.cmd(Command.EVAL).arg(TRY_ADD).arg(1).arg(key).arg(amount).arg(limit)
        .arg(expiresAtMs)).map(r -> new Admission(r.get(0).toInteger() == 1, r.get(1).toLong()));
  }

  @Override
  public Future<Long> add(String key, long delta, long expiresAtMs) {
    return redis.send(Request.cmd(Command.EVAL).arg(ADD).arg(1).arg(key).arg(delta).arg(expiresAtMs))
        .map(Response::toLong);
  }

  @Override
  public Future<Long> read(String key) {
    return redis.send(Request.cmd(Command.GET).arg(key)).map(r -> r == null ? 0L : r.toLong());
  }
}
