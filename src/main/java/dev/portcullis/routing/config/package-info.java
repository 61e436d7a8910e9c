/**
 * Portkey-compatible routing configs: the parser that turns {@code x-portkey-config} JSON into an immutable
 * {@link dev.portcullis.routing.config.RoutingPlan}, and the engine that runs a plan with retries, fallback,
 * load balancing, conditions and circuit breakers.
 */
package dev.portcullis.routing.config;
