package dev.portcullis.routing.config;

import java.time.Instant;

/**
 * One breaker as a health endpoint shows it.
 *
 * @param key the target key (provider, host and credential fingerprint, or virtual key)
 * @param state where the breaker stands
 * @param failureRate failure share of the counted calls, 0..1
 * @param calls how many calls the window holds
 * @param openedAt when it last opened, or null while closed
 */
public record BreakerState(String key, CircuitState state, double failureRate, int calls, Instant openedAt) {}
