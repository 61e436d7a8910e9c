package dev.portcullis.migrate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code .gitignore} rules in force in one directory: its parent's, then its own file's, the last match deciding
 * (git's order). The common subset of gitignore: globs ({@code *}, {@code ?}, {@code **}, {@code [...]}), patterns
 * for directories only ({@code build/}), negation ({@code !keep.log}), patterns anchored to their file's directory
 * ({@code /out}, {@code docs/gen}). A directory ignored is not entered, so nothing below it can be re-included, as
 * in git.
 */
final class GitIgnore {

  private record Rule(Path base, Pattern pattern, boolean anchored, boolean negated, boolean directoryOnly) {
    boolean matches(Path path, boolean directory) {
      if (directoryOnly && !directory) {
        return false;
      }
      String subject = anchored ? base.relativize(path).toString().replace('\\', '/')
          : path.getFileName().toString();
      return pattern.matcher(subject).matches();
    }
  }

  static final GitIgnore NONE = new GitIgnore(List.of());

  private final List<Rule> rules;

  private GitIgnore(List<Rule> rules) {
    this.rules = rules;
  }

  /** These rules followed by those of {@code directory}/.gitignore, if it has one. */
  GitIgnore enter(Path directory) {
    Path file = directory.resolve(".gitignore");
    if (!Files.isRegularFile(file)) {
      return this;
    }
    List<Rule> all = new ArrayList<>(rules);
    try {
      for (String line : Files.readAllLines(file)) {
        rule(directory, line).ifPresent(all::add);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot be read", e);
    }
    return new GitIgnore(List.copyOf(all));
  }

  boolean ignores(Path path, boolean directory) {
    boolean ignored = false;
    for (Rule r : rules) {
      if (r.matches(path, directory)) {
        ignored = !r.negated();
      }
    }
    return ignored;
  }

  private static Optional<Rule> rule(Path base, String line) {
    String text = line.stripTrailing();
    if (text.isEmpty() || text.startsWith("#")) {
      return Optional.empty();
    }
    boolean negated = text.startsWith("!");
    if (negated || text.startsWith("\\!") || text.startsWith("\\#")) {
      text = text.substring(1);
    }
    boolean directoryOnly = text.endsWith("/");
    if (directoryOnly) {
      text = text.substring(0, text.length() - 1);
    }
    boolean anchored = text.contains("/");
    if (text.startsWith("/")) {
      text = text.substring(1);
    }
    if (text.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Rule(base, Pattern.compile(regex(text)), anchored, negated, directoryOnly));
  }

  private static String regex(String glob) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*' && glob.startsWith("**/", i)) {
        out.append("(?:.*/)?");
        i += 2;
      } else if (c == '*' && glob.startsWith("**", i)) {
        out.append(".*");
        i++;
      } else if (c == '*') {
        out.append("[^/]*");
      } else if (c == '?') {
        out.append("[^/]");
      } else if (c == '[') {
        int end = glob.indexOf(']', i + 1);
        if (end < 0) {
          out.append("\\[");
        } else {
          String set = glob.substring(i + 1, end);
          out.append('[').append(set.startsWith("!") ? "^" + set.substring(1) : set).append(']');
          i = end;
        }
      } else if (c == '\\' && i + 1 < glob.length()) {
        out.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
      } else {
        out.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return out.toString();
  }
}
