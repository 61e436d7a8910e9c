package dev.portcullis.admin;

import java.time.Instant;

/**
 * A signed-in dashboard session, as its cookie carries it: the gateway key it acts as (by id, never the secret),
 * when it ends, and a random nonce the CSRF token is derived from.
 */
public record DashboardSession(String keyId, Instant expiresAt, String nonce) {}
