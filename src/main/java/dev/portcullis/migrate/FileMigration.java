package dev.portcullis.migrate;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import java.nio.file.Path;
import java.util.List;

/**
 * One file as {@code migrate portkey} would leave it.
 *
 * @param file the file on disk
 * @param relativePath its path from the migrated directory, with {@code /} separators
 * @param findings what it uses that stays or needs a person
 */
public record FileMigration(Path file, String relativePath, String before, String after, List<ChangeKind> changes,
    List<Finding> findings) {

  private static final int CONTEXT_LINES = 3;

  public FileMigration {
    changes = List.copyOf(changes);
    findings = List.copyOf(findings);
  }

  public boolean changed() {
    return !before.equals(after);
  }

  /** The change as a unified diff ({@code --- a/path}, {@code +++ b/path}, hunks with 3 lines of context). */
  public String diff() {
    List<String> original = before.lines().toList();
    List<String> revised = after.lines().toList();
    List<String> lines = UnifiedDiffUtils.generateUnifiedDiff("a/" + relativePath, "b/" + relativePath, original,
        DiffUtils.diff(original, revised), CONTEXT_LINES);
    return String.join("\n", lines) + "\n";
  }
}
