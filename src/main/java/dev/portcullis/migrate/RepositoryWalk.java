package dev.portcullis.migrate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The files of a repository {@code migrate portkey} reads: those of a {@link SourceKind}, not ignored by a
 * {@code .gitignore}, outside dependency, build and tool directories, not a lock file, not binary, at most 1 MB,
 * and not a backup this command made.
 */
final class RepositoryWalk {

  static final long MAX_BYTES = 1024 * 1024;
  static final String BACKUP_SUFFIX = ".portcullis-migrate.bak";
  private static final Set<String> SKIPPED_DIRECTORIES = Set.of("node_modules", ".venv", "venv", "target", "build",
      "dist", "__pycache__", ".git");
  private static final Set<String> LOCK_FILES = Set.of("package-lock.json", "npm-shrinkwrap.json", "yarn.lock",
      "pnpm-lock.yaml", "bun.lockb", "poetry.lock", "pipfile.lock", "uv.lock", "pdm.lock", "composer.lock",
      "gemfile.lock", "cargo.lock", "go.sum");
  private static final int SNIFFED_BYTES = 8000;

  private RepositoryWalk() {}

  static List<Path> files(Path root) {
    List<Path> out = new ArrayList<>();
    walk(root, GitIgnore.NONE.enter(root), out);
    return out;
  }

  private static void walk(Path directory, GitIgnore ignore, List<Path> out) {
    List<Path> entries;
    try (Stream<Path> list = Files.list(directory)) {
      entries = list.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(directory + ": cannot be listed", e);
    }
    for (Path entry : entries) {
      if (Files.isSymbolicLink(entry)) {
        continue;
      }
      boolean isDirectory = Files.isDirectory(entry);
      if (ignore.ignores(entry, isDirectory)) {
        continue;
      }
      if (isDirectory) {
        if (!SKIPPED_DIRECTORIES.contains(entry.getFileName().toString())) {
          walk(entry, ignore.enter(entry), out);
        }
      } else if (wanted(entry)) {
        out.add(entry);
      }
    }
  }

  private static boolean wanted(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(BACKUP_SUFFIX) || LOCK_FILES.contains(name) || name.endsWith(".lock")
        || SourceKind.of(file).isEmpty()) {
      return false;
    }
    try {
      return Files.size(file) <= MAX_BYTES && !binary(file);
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot be read", e);
    }
  }

  private static boolean binary(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(SNIFFED_BYTES);
      for (byte b : head) {
        if (b == 0) {
          return true;
        }
      }
      return false;
    }
  }
}
