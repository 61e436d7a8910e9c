package dev.portcullis.cache;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;

/** Where answers are kept: in this process, or in Redis shared by every node. Never blocks. */
public interface CacheStore {

  /** The answer stored under {@code key}, or null when there is none (or it is older than its max age). */
  Future<Buffer> get(CacheKey key);

  /** Stores {@code answer} under {@code key} for {@code maxAge}, replacing what was there. */
  Future<Void> put(CacheKey key, Buffer answer, Duration maxAge);

  /**
   * Removes the answers of a workspace, of one namespace or all of them.
   *
   * @param namespace the namespace, or null for every one
   * @return how many were removed
   */
  Future<Long> purge(String workspaceId, String namespace);

  /** Adds one to the workspace's counter of {@code status} (hits, semantic hits, misses); others are not counted. */
  void count(String workspaceId, CacheStatus status);

  /** What the store holds and counted for a workspace. */
  Future<CacheStats> stats(String workspaceId);
}
