package dev.portcullis.migrate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code portcullis migrate portkey}: plans the rewrite of a directory's Portkey usage (nothing written), then applies
 * a plan, each changed file backed up first as {@code FILE.portcullis-migrate.bak} unless told not to.
 */
public final class PortkeyMigration {

  private final MigrationOptions options;

  public PortkeyMigration(MigrationOptions options) {
    this.options = options;
  }

  public MigrationPlan plan(Path root) {
    if (!Files.isDirectory(root)) {
      throw new IllegalArgumentException("PATH: '" + root + "' (expected: a directory)");
    }
    PortkeyRewriter rewriter = new PortkeyRewriter(options);
    List<FileMigration> files = new ArrayList<>();
    List<Path> read = RepositoryWalk.files(root);
    for (Path file : read) {
      String before;
      try {
        before = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file)))
            .toString();
      } catch (CharacterCodingException e) {
        continue;
      } catch (IOException e) {
        throw new UncheckedIOException(file + ": cannot be read", e);
      }
      SourceKind kind = SourceKind.of(file).orElseThrow();
      String relative = root.relativize(file).toString().replace('\\', '/');
      PortkeyRewriter.Result result = rewriter.rewrite(kind, before);
      List<Finding> findings = new ArrayList<>(UsageScanner.scan(relative, before));
      result.unchangeableConstructors().forEach(line -> findings.add(new Finding(
          Finding.Kind.CONSTRUCTOR_WITHOUT_LITERAL_OPTIONS, "new Portkey(...)", relative, line)));
      files.add(new FileMigration(file, relative, before, result.text(), result.changes(), findings));
    }
    return new MigrationPlan(read.size(), files);
  }

  /** Writes every changed file of the plan; returns the backups made. */
  public static List<Path> apply(MigrationPlan plan, boolean backup) {
    List<Path> backups = new ArrayList<>();
    for (FileMigration f : plan.changed()) {
      try {
        if (backup) {
          Path copy = f.file().resolveSibling(f.file().getFileName() + RepositoryWalk.BACKUP_SUFFIX);
          Files.copy(f.file(), copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
          backups.add(copy);
        }
        Files.writeString(f.file(), f.after(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(f.file() + ": cannot be written", e);
      }
    }
    return backups;
  }
}
