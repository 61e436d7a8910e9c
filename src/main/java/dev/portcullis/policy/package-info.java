/**
 * Governance: prices and the cost of each call, policy rules (allow, deny, alert) over the facts of a request, and
 * the request, token and dollar limits they set, counted in process or in Redis. Served from memory, refreshed on
 * change.
 */
package dev.portcullis.policy;
