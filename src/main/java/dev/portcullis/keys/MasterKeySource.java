package dev.portcullis.keys;

import dev.portcullis.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Where master keys come from. The current key is {@code PORTCULLIS_MASTER_KEY} (base64 or hex) when set, else the
 * key file {@code <data dir>/master.key}, created with mode 0600 on first start. Keys that sealed older rows are
 * {@code PORTCULLIS_MASTER_KEY_PREVIOUS} (comma-separated) or the lines of {@code master.key.previous}; a file-based
 * rotation in progress keeps its new key in {@code master.key.next} until every row is re-sealed.
 */
public final class MasterKeySource {

  private static final String CURRENT = "master.key";
  private static final String NEXT = "master.key.next";
  private static final String PREVIOUS = "master.key.previous";

  private MasterKeySource() {}

  /** The vault over every key this installation holds: current, previous, and a pending rotation's. */
  public static Vault vault(String configured, String configuredPrevious, Path dataDir) {
    byte[] current = load(configured, dataDir);
    List<byte[]> others = new ArrayList<>(previous(configuredPrevious, dataDir));
    if (!isConfigured(configured) && Files.exists(dataDir.resolve(NEXT))) {
      others.add(read(dataDir.resolve(NEXT)));
    }
    return new Vault(current, others);
  }

  /** The current key: configured, or from (or newly written to) the key file. */
  public static byte[] load(String configured, Path dataDir) {
    if (isConfigured(configured)) {
      return parse(configured.trim(), "master_key / PORTCULLIS_MASTER_KEY");
    }
    Path file = dataDir.resolve(CURRENT);
    byte[] created = createIfAbsent(file);
    return created != null ? created : read(file);
  }

  public static boolean isConfigured(String configured) {
    return configured != null && !configured.isBlank();
  }

  /** The key a file-based rotation moves to: the pending one when a rotation was interrupted, else a new one. */
  public static byte[] pendingOrNew(Path dataDir) {
    Path file = dataDir.resolve(NEXT);
    byte[] created = createIfAbsent(file);
    return created != null ? created : read(file);
  }

  /**
   * Ends a file-based rotation: the current key is appended to {@code master.key.previous} (so rows a node sealed
   * meanwhile stay readable), then {@code master.key.next} atomically becomes {@code master.key}.
   */
  public static void promotePending(Path dataDir) {
    Path current = dataDir.resolve(CURRENT);
    Path previous = dataDir.resolve(PREVIOUS);
    try {
      String line = Base64.getEncoder().encodeToString(read(current)) + "\n";
      if (!Files.exists(previous)) {
        Files.createFile(previous, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      }
      Files.writeString(previous, line, StandardCharsets.US_ASCII, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
      Files.move(dataDir.resolve(NEXT), current, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new ConfigException("cannot promote " + dataDir.resolve(NEXT) + " to " + current + ": " + e.getMessage()
          + " (expected: a writable data directory; the rotation can be run again)");
    }
  }

  private static List<byte[]> previous(String configuredPrevious, Path dataDir) {
    List<byte[]> out = new ArrayList<>();
    if (isConfigured(configuredPrevious)) {
      Arrays.stream(configuredPrevious.split(",")).map(String::trim).filter(s -> !s.isEmpty())
          .forEach(s -> out.add(parse(s, "master_key_previous / PORTCULLIS_MASTER_KEY_PREVIOUS")));
    }
    Path file = dataDir.resolve(PREVIOUS);
    if (Files.exists(file)) {
      try {
        Files.readAllLines(file, StandardCharsets.US_ASCII).stream().map(String::trim).filter(s -> !s.isEmpty())
            .forEach(s -> out.add(parse(s, "master key file " + file)));
      } catch (IOException e) {
        throw new ConfigException("master key file " + file + ": " + e.getMessage() + " (expected: a readable file)");
      }
    }
    return out;
  }

  /** Creates the key file with a new random key unless it exists; returns the new key, or null when it existed. */
  private static byte[] createIfAbsent(Path file) {
    try {
      Files.createDirectories(file.getParent());
      if (Files.exists(file)) {
        return null;
      }
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      try {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (FileAlreadyExistsException raced) {
        return null;
      }
      Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII,
          StandardOpenOption.SYNC);
      return key;
    } catch (IOException e) {
      throw new ConfigException("master key file " + file + ": " + e.getMessage()
          + " (expected: a writable data directory, or set PORTCULLIS_MASTER_KEY)");
    }
  }

  private static byte[] read(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.US_ASCII).trim(), "master key file " + file);
    } catch (IOException e) {
      throw new ConfigException("master key file " + file + ": " + e.getMessage()
          + " (expected: a readable file, or set PORTCULLIS_MASTER_KEY)");
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
