package dev.portcullis.cache;

/**
 * What the cache did for a call: the value of the {@code -cache-status} response header and of the request log's
 * {@code cache_status}.
 */
public enum CacheStatus {
  /** No cache applies to the call. */
  DISABLED,
  /** Simple mode: nothing stored matched; the answer is stored once complete. */
  MISS,
  /** Answered from an exact match, without a provider call (in both modes). */
  HIT,
  /** Semantic mode: nothing stored matched, exactly or closely enough. */
  SEMANTIC_MISS,
  /** Semantic mode: answered from a stored answer to a request that asks the same thing. */
  SEMANTIC_HIT,
  /** The caller asked for a fresh answer ({@code -cache-force-refresh}); it replaces the stored one. */
  REFRESH
}
