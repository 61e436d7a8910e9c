package dev.portcullis.keys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts provider credentials with AES-256-GCM under the master key. Each ciphertext is
 * {@code base64(iv || ciphertext || tag)} and is bound to the row it belongs to through the associated data, so a
 * ciphertext copied onto another row does not decrypt.
 */
public final class Vault {

  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec key;
  private final String keyId;
  private final SecureRandom random = new SecureRandom();

  public Vault(byte[] masterKey) {
    if (masterKey.length != 32) {
      throw new IllegalArgumentException("master key: " + masterKey.length + " bytes (expected: 32)");
    }
    this.key = new SecretKeySpec(masterKey.clone(), "AES");
    this.keyId = keyIdOf(masterKey);
  }

  /** A short, non-secret fingerprint of the master key, stored beside each ciphertext. */
  public String keyId() {
    return keyId;
  }

  public String encrypt(String plaintext, String boundTo) {
    byte[] iv = new byte[IV_BYTES];
    random.nextBytes(iv);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
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

  /** Decrypts; fails with {@link VaultException} when the master key is wrong or the data was altered. */
  public String decrypt(String ciphertext, String boundTo) {
    try {
      byte[] in = Base64.getDecoder().decode(ciphertext);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
      cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
      return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new VaultException("cannot decrypt the secret of '" + boundTo
          + "': wrong master key or altered data (this vault's key id: " + keyId + ")");
    }
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
