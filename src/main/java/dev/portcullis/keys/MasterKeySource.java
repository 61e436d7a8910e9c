package dev.portcullis.keys;

import dev.portcullis.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Where the 32-byte master key comes from: {@code PORTCULLIS_MASTER_KEY} (base64 or hex) when set, else the key
 * file {@code <data dir>/master.key}, created with mode 0600 on first start.
 */
public final class MasterKeySource {

  private MasterKeySource() {}

  public static byte[] load(String configured, Path dataDir) {
    if (configured != null && !configured.isBlank()) {
      return parse(configured.trim(), "PORTCULLIS_MASTER_KEY");
    }
    Path file = dataDir.resolve("master.key");
    try {
      Files.createDirectories(dataDir);
      if (!Files.exists(file)) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        try {
          Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
          Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
          return key;
        } catch (FileAlreadyExistsException raced) {
          // another process created it first: read theirs below
        }
      }
      return parse(Files.readString(file, StandardCharsets.US_ASCII).trim(), "master key file " + file);
    } catch (IOException e) {
      throw new ConfigException("master key file " + file + ": " + e.getMessage() + " (expected: a readable file, or set PORTCULLIS_MASTER_KEY)");
    }
  }

  static byte[] parse(String text, String source) {
    byte[] key;
    if (text.matches("[0-9a-fA-F]{64}")) {
      key = HexFormat.of().parseHex(text);
    } else {
      try {
        key = Base64.getDecoder().decode(text);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(source + ": not base64 or hex (expected: 32 random bytes, base64 or 64 hex digits; "
            + "make one with 'openssl rand -base64 32')");
      }
    }
    if (key.length != 32) {
      throw new ConfigException(source + ": " + key.length + " bytes (expected: 32 bytes, base64 or 64 hex digits; "
          + "make one with 'openssl rand -base64 32')");
    }
    return key;
  }
}
