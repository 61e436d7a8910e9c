package dev.portcullis.keys;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * A gateway API key as stored: only SHA-256 hashes of secrets are kept, with a short prefix for display.
 *
 * @param scopes what the key may do (before narrowing to its user's role)
 * @param userId the user the key belongs to, or null
 * @param defaultConfig routing config attached to the key as JSON text, or null
 * @param cache the response cache the key's calls use when their config sets none, as JSON text, or null
 * @param expiresAt null when the key never expires
 * @param revokedAt null while the key is active
 * @param previousKeyHash hash of the secret the last rotation replaced, or null
 * @param previousValidUntil until when that previous secret still works, or null
 * @param rotatedAt when the key was last rotated, or null
 * @param lastUsedAt when the key last authenticated a request (written in batches), or null
 */
public record ApiKey(
    String id,
    String workspaceId,
    String name,
    String keyHash,
    String displayPrefix,
    Role role,
    Set<Scope> scopes,
    String userId,
    String defaultConfig,
    String cache,
    Map<String, String> metadata,
    Instant createdAt,
    Instant expiresAt,
    Instant revokedAt,
    String previousKeyHash,
    Instant previousValidUntil,
    Instant rotatedAt,
    Instant lastUsedAt) {

  public ApiKey {
    scopes = Set.copyOf(scopes);
    metadata = Map.copyOf(metadata);
  }

  public boolean usableAt(Instant now) {
    return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
  }

  ApiKey revoked(Instant at) {
    return new ApiKey(id, workspaceId, name, keyHash, displayPrefix, role, scopes, userId, defaultConfig, cache,
        metadata, createdAt, expiresAt, at, previousKeyHash, previousValidUntil, rotatedAt, lastUsedAt);
  }

  ApiKey rotated(String newHash, String newPrefix, Instant at, Instant previousUntil) {
    return new ApiKey(id, workspaceId, name, newHash, newPrefix, role, scopes, userId, defaultConfig, cache,
        metadata, createdAt, expiresAt, revokedAt, keyHash, previousUntil, at, lastUsedAt);
  }

  ApiKey edited(String newName, Map<String, String> newMetadata, String newDefaultConfig, String newCache,
      Instant newExpiresAt) {
    return new ApiKey(id, workspaceId, newName, keyHash, displayPrefix, role, scopes, userId, newDefaultConfig,
        newCache, newMetadata, createdAt, newExpiresAt, revokedAt, previousKeyHash, previousValidUntil, rotatedAt,
        lastUsedAt);
  }
}
