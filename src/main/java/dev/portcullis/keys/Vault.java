package dev.portcullis.keys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts provider credentials with AES-256-GCM under the current master key, and decrypts under whichever held key
 * sealed them (each row records that key's id, so rows sealed before a master-key rotation stay readable). Each
 * ciphertext is {@code base64(iv || ciphertext || tag)} and is bound to the row it belongs to through the associated
 * data, so a ciphertext copied onto another row does not decrypt.
 */
public final class Vault {

  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final String currentKeyId;
  private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
  private final SecureRandom random = new SecureRandom();

  /**
   * @param currentKey encrypts new secrets
   * @param otherKeys decrypt only: retired keys, or a key a rotation in progress is moving to
   */
  public Vault(byte[] currentKey, List<byte[]> otherKeys) {
    this.currentKeyId = add(currentKey);
    otherKeys.forEach(this::add);
  }

  public Vault(byte[] masterKey) {
    this(masterKey, List.of());
  }

  /** A vault that encrypts under {@code newKey} and still decrypts under every key this one holds. */
  public Vault rotatedTo(byte[] newKey) {
    return new Vault(newKey, keys.values().stream().map(SecretKeySpec::getEncoded).toList());
  }

  /** A short, non-secret fingerprint of the current master key, stored beside each ciphertext it makes. */
  public String keyId() {
    return currentKeyId;
  }

  /**
   * A secret for {@code purpose} derived from the current master key (HMAC-SHA256 of the purpose under it): the same
   * on every node that holds the master key, and never the master key itself.
   */
  public byte[] derivedSecret(String purpose) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(keys.get(currentKeyId).getEncoded(), "HmacSHA256"));
      return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable in this JDK", e);
    }
  }

  /** Ids of every key this vault can decrypt with. */
  public Set<String> keyIds() {
    return keys.keySet();
  }

  public String encrypt(String plaintext, String boundTo) {
    byte[] iv = new byte[IV_BYTES];
    random.nextBytes(iv);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[IV_BYTES + sealed.length];
      System.arraycopy(iv, 0, out, 0, IV_BYTES);
      System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
      return Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is unavailable in this JDK", e);
    }
  }

  /**
   * Decrypts with the key {@code sealedBy}; fails with {@link VaultException} when this vault does not hold that key
   * or the data was altered.
   */
  public String decrypt(String ciphertext, String boundTo, String sealedBy) {
    SecretKeySpec key = keys.get(sealedBy);
    if (key == null) {
      throw new VaultException("cannot decrypt the secret of '" + boundTo + "': it was sealed by master key "
          + sealedBy + ", which this vault does not hold (holds: " + String.join(", ", keys.keySet())
          + "; set PORTCULLIS_MASTER_KEY_PREVIOUS or restore master.key.previous)");
    }
    try {
      byte[] in = Base64.getDecoder().decode(ciphertext);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
      cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
      return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new VaultException("cannot decrypt the secret of '" + boundTo
          + "': wrong master key or altered data (master key id: " + sealedBy + ")");
    }
  }

  private String add(byte[] masterKey) {
    if (masterKey.length != 32) {
      throw new IllegalArgumentException("master key: " + masterKey.length + " bytes (expected: 32)");
    }
    String id = keyIdOf(masterKey);
    keys.putIfAbsent(id, new SecretKeySpec(masterKey.clone(), "AES"));
    return id;
  }

  static String keyIdOf(byte[] masterKey) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(masterKey);
      return HexFormat.of().formatHex(digest, 0, 6);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is unavailable in this JDK", e);
    }
  }

  /** A secret could not be decrypted. */
  public static final class VaultException extends RuntimeException {
    VaultException(String message) {
      super(message);
    }
  }
}
