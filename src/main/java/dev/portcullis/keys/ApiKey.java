package dev.portcullis.keys;

import java.time.Instant;

/**
 * A gateway API key as stored: only the SHA-256 hash of the secret is kept, with a short prefix for display.
 *
 * @param expiresAt null when the key never expires
 * @param revokedAt null while the key is active
 */
public record ApiKey(
    String id,
    String workspaceId,
    String name,
    String keyHash,
    String displayPrefix,
    Role role,
    Instant createdAt,
    Instant expiresAt,
    Instant revokedAt) {

  public boolean usableAt(Instant now) {
    return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
  }
}
