package dev.portcullis.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Makes new gateway key secrets and hashes presented ones; secrets are never stored. */
public final class KeyHasher {

  static final String SECRET_PREFIX = "pcl-";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable in this JDK", e);
    }
  });

  private KeyHasher() {}

  /** A new random secret: {@code pcl-} followed by 32 url-safe base64 characters (192 bits). */
  public static String newSecret() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public static String hash(String secret) {
    MessageDigest digest = SHA256.get();
    return HexFormat.of().formatHex(digest.digest(secret.getBytes(StandardCharsets.UTF_8)));
  }

  /** What may be shown of a secret: its first 8 characters. */
  public static String displayPrefix(String secret) {
    return secret.substring(0, Math.min(8, secret.length())) + "...";
  }
}
