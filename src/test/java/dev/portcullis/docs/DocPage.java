package dev.portcullis.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A Markdown page's shell examples, in page order: every ```bash block, the doc-test comment above it, and the
 * ```json block that shows its answer (the first ```json block after it, before any heading or other fenced block).
 *
 * @param name the page's path from the repository root, e.g. {@code docs/keys.md}
 */
record DocPage(String name, List<DocBlock> blocks) {

  /** The pages in the order they run: README.md, docs/quickstart.md, then every other page of docs/ by path. */
  static List<Path> files(Path root) {
    List<Path> files = new ArrayList<>();
    files.add(root.resolve("README.md"));
    files.add(root.resolve("docs/quickstart.md"));
    try (Stream<Path> docs = Files.walk(root.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).filter(p -> !files.contains(p))
          .sorted(Comparator.comparing(p -> root.relativize(p).toString())).forEach(files::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.copyOf(files);
  }

  static DocPage read(Path root, Path file) {
    try {
      return parse(root.relativize(file).toString().replace('\\', '/'), Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static DocPage parse(String name, String markdown) {
    List<DocBlock> blocks = new ArrayList<>();
    String[] lines = markdown.split("\n", -1);
    DocMarkers pending = null;
    int pendingLine = 0;
    boolean awaitingAnswer = false;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      DocMarkers markers;
      try {
        markers = DocMarkers.parse(line);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(name + ":" + (i + 1) + ": " + e.getMessage(), e);
      }
      if (markers != null) {
        pending = markers;
        pendingLine = i + 1;
        continue;
      }
      if (line.startsWith("#")) {
        awaitingAnswer = false;
        continue;
      }
      if (!line.startsWith("```")) {
        continue;
      }
      String language = line.substring(3).trim().split("\\s+")[0];
      int open = i + 1;
      StringBuilder body = new StringBuilder();
      for (i++; i < lines.length && !lines[i].startsWith("```"); i++) {
        body.append(lines[i]).append('\n');
      }
      if (i >= lines.length) {
        throw new IllegalArgumentException(name + ":" + open + ": a fenced block is never closed");
      }
      if (pending != null && !language.equals("bash")) {
        throw new IllegalArgumentException(name + ":" + pendingLine
            + ": a doc-test comment must stand just above a ```bash block (it stands above a ```" + language + " one)");
      }
      if (language.equals("bash")) {
        blocks.add(new DocBlock(open, body.toString(), pending == null ? DocMarkers.NONE : pending, null, 0));
        awaitingAnswer = true;
      } else {
        if (language.equals("json") && awaitingAnswer) {
          try {
            blocks.set(blocks.size() - 1, blocks.getLast().withAnswer(JsonShape.parse(body.toString()), open));
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ":" + open + ": " + e.getMessage(), e);
          }
        }
        awaitingAnswer = false;
      }
      pending = null;
    }
    return new DocPage(name, List.copyOf(blocks));
  }

  @Override
  public String toString() {
    return name;
  }
}
