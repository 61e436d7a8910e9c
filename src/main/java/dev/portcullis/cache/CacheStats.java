package dev.portcullis.cache;

/**
 * What the cache holds and did for one workspace.
 *
 * @param entries answers stored now
 * @param bytes their size
 * @param hits calls answered from an exact match
 * @param semanticHits calls answered from a close match
 * @param misses calls that found nothing (simple and semantic misses; refreshes are not counted)
 */
public record CacheStats(String workspaceId, long entries, long bytes, long hits, long semanticHits, long misses) {}
