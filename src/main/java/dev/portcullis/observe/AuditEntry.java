package dev.portcullis.observe;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * One stored row of the audit trail. {@link #computeHash()} is SHA-256 over {@code prevHash} and every other field
 * as stored (each length-prefixed, so no two rows can encode alike); {@code hash} is what was computed on append.
 *
 * @param before JSON text of the object before the change, or null
 * @param after JSON text of the object after the change, or null
 */
public record AuditEntry(
    long seq,
    String id,
    Instant at,
    String workspaceId,
    AuditActor actor,
    String action,
    String objectType,
    String objectId,
    String before,
    String after,
    String prevHash,
    String hash) {

  /** The hash that precedes the first entry. */
  public static final String GENESIS = "0".repeat(64);

  public String computeHash() {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable in this JDK", e);
    }
    for (String field : new String[] {prevHash, Long.toString(seq), id, Long.toString(at.toEpochMilli()), workspaceId,
        actor.type(), actor.id(), actor.name(), actor.sourceIp(), action, objectType, objectId, before, after}) {
      if (field == null) {
        digest.update("-1:".getBytes(StandardCharsets.US_ASCII));
      } else {
        byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
        digest.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        digest.update(bytes);
      }
      digest.update((byte) '\n');
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
