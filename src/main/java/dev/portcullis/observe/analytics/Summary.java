package dev.portcullis.observe.analytics;

/**
 * What analytics answers for a set of request log rows.
 *
 * @param requests rows
 * @param errors rows whose status is 400 or more
 * @param errorRate errors / requests, 0 without requests
 * @param latencyP50 median latency in milliseconds, within 9% (from a histogram); null without requests
 * @param latencyP90 90th percentile latency, likewise
 * @param latencyP99 99th percentile latency, likewise
 * @param ttftP50 median time to first token of streams, likewise; null without streams
 * @param ttftP99 99th percentile time to first token of streams, likewise
 * @param inputTokens prompt tokens reported by providers
 * @param outputTokens completion tokens reported by providers
 * @param costUsd the sum of the rows' costs (rows without a cost count as 0)
 * @param cacheHitRate hits / lookups over rows that went through the cache, 0 without lookups
 * @param cacheSavedUsd what cache hits saved
 */
public record Summary(
    long requests,
    long errors,
    double errorRate,
    Double latencyP50,
    Double latencyP90,
    Double latencyP99,
    Double ttftP50,
    Double ttftP99,
    long inputTokens,
    long outputTokens,
    double costUsd,
    double cacheHitRate,
    double cacheSavedUsd) {}
