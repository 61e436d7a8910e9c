package dev.portcullis.migrate;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** What {@code migrate portkey} would change in a directory, and what it saw that a person must bring over. */
public record MigrationPlan(int filesRead, List<FileMigration> files) {

  public MigrationPlan {
    files = List.copyOf(files);
  }

  public List<FileMigration> changed() {
    return files.stream().filter(FileMigration::changed).toList();
  }

  public String diff() {
    return changed().stream().map(FileMigration::diff).collect(Collectors.joining());
  }

  /** Files read and changed, changes by kind, what stays as it is and what needs a person. */
  public String summary() {
    StringBuilder out = new StringBuilder();
    List<FileMigration> changed = changed();
    out.append("Files read: ").append(filesRead).append("; files to change: ").append(changed.size()).append('\n');
    Map<ChangeKind, Integer> byKind = new EnumMap<>(ChangeKind.class);
    changed.forEach(f -> f.changes().forEach(k -> byKind.merge(k, 1, Integer::sum)));
    if (byKind.isEmpty()) {
      out.append("Changes: none\n");
    } else {
      out.append("Changes:\n");
      byKind.forEach((kind, n) -> out.append(String.format("  %4d  %s%n", n, kind.description())));
    }
    Map<Finding.Kind, Map<String, List<String>>> found = new EnumMap<>(Finding.Kind.class);
    files.forEach(f -> f.findings().forEach(x -> found.computeIfAbsent(x.kind(), k -> new TreeMap<>())
        .computeIfAbsent(x.value(), v -> new ArrayList<>()).add(x.where())));
    appendKept(out, found);
    appendNeedsPerson(out, found);
    return out.toString();
  }

  private static void appendKept(StringBuilder out, Map<Finding.Kind, Map<String, List<String>>> found) {
    Map<String, Integer> kept = new LinkedHashMap<>();
    count(found, Finding.Kind.PORTKEY_HEADER).forEach((name, n) -> kept.put(name + " header", n));
    count(found, Finding.Kind.CREATE_HEADERS).forEach((name, n) -> kept.put("createHeaders(...) call", n));
    count(found, Finding.Kind.SLUG_MODEL).forEach((slug, n) -> kept.put("@" + slug + "/<model> address", n));
    if (!kept.isEmpty()) {
      out.append("Kept as they are (Portcullis accepts them unchanged):\n");
      kept.forEach((what, n) -> out.append(String.format("  %4d  %s%n", n, what)));
    }
  }

  private static void appendNeedsPerson(StringBuilder out, Map<Finding.Kind, Map<String, List<String>>> found) {
    StringBuilder person = new StringBuilder();
    section(person, found, Finding.Kind.VIRTUAL_KEY, "Virtual keys to create (portcullis virtual-keys create "
        + "--slug SLUG ..., or portcullis import portkey)");
    section(person, found, Finding.Kind.CONFIG, "Configs to import (portcullis import portkey, or "
        + "portcullis import portkey-config FILE)");
    section(person, found, Finding.Kind.PROMPT, "Prompts to import into the prompt library");
    section(person, found, Finding.Kind.CONSTRUCTOR_WITHOUT_LITERAL_OPTIONS, "Portkey constructors whose options "
        + "are not written out: add baseURL by hand");
    out.append(person.isEmpty() ? "Needs a person: nothing\n" : "Needs a person:\n" + person);
  }

  private static void section(StringBuilder out, Map<Finding.Kind, Map<String, List<String>>> found,
      Finding.Kind kind, String title) {
    Map<String, List<String>> values = found.getOrDefault(kind, Map.of());
    if (values.isEmpty()) {
      return;
    }
    out.append("  ").append(title).append(":\n");
    values.forEach((value, where) -> out.append("    ").append(value).append("  (")
        .append(String.join(", ", where)).append(")\n"));
  }

  private static Map<String, Integer> count(Map<Finding.Kind, Map<String, List<String>>> found, Finding.Kind kind) {
    Map<String, Integer> out = new TreeMap<>();
    found.getOrDefault(kind, Map.of()).forEach((value, where) -> out.put(value, where.size()));
    return out;
  }
}
