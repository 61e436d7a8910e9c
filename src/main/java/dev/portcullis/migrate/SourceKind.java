package dev.portcullis.migrate;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The kinds of file {@code migrate portkey} reads, by name; any other file is left alone. */
public enum SourceKind {
  PYTHON, SCRIPT, JAVA, ENV, YAML, JSON;

  static Optional<SourceKind> of(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.equals(".env") || name.startsWith(".env.") || name.endsWith(".env")) {
      return Optional.of(ENV);
    }
    int dot = name.lastIndexOf('.');
    String extension = dot < 0 ? "" : name.substring(dot + 1);
    return Optional.ofNullable(switch (extension) {
      case "py" -> PYTHON;
      case "ts", "tsx", "js", "jsx", "mjs", "cjs", "mts", "cts" -> SCRIPT;
      case "java" -> JAVA;
      case "yaml", "yml" -> YAML;
      case "json" -> JSON;
      default -> null;
    });
  }

  boolean isCode() {
    return this == PYTHON || this == SCRIPT || this == JAVA;
  }
}
