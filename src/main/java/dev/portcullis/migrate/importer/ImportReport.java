package dev.portcullis.migrate.importer;

import java.util.ArrayList;
import java.util.List;

/**
 * What an import did or, in a dry run, would do: one line per object, then what did not map (with its path in the
 * source) and what a person must still do. Nothing read is left out of it.
 */
public final class ImportReport {

  private final boolean dryRun;
  private final List<String> actions = new ArrayList<>();
  private final List<String> unmapped = new ArrayList<>();
  private final List<String> forAPerson = new ArrayList<>();

  public ImportReport(boolean dryRun) {
    this.dryRun = dryRun;
  }

  public boolean dryRun() {
    return dryRun;
  }

  /** What happened to one object. */
  enum Verb {
    CREATED("created", "would create"),
    CREATED_DISABLED("created disabled", "would create disabled"),
    UPDATED("updated", "would update"),
    UNCHANGED("unchanged", "unchanged");

    private final String done;
    private final String planned;

    Verb(String done, String planned) {
      this.done = done;
      this.planned = planned;
    }
  }

  /** An object created, updated or left as it was: {@code created virtual key 'openai-prod'}. */
  void action(Verb verb, String what) {
    actions.add((dryRun ? verb.planned : verb.done) + " " + what);
  }

  /** Something read that has no counterpart here, with its path in the source and why. */
  void unmapped(String path, String why) {
    unmapped.add(path + ": " + why);
  }

  void forAPerson(String what) {
    forAPerson.add(what);
  }

  public List<String> actions() {
    return List.copyOf(actions);
  }

  public List<String> unmapped() {
    return List.copyOf(unmapped);
  }

  public List<String> forAPerson() {
    return List.copyOf(forAPerson);
  }

  public String render() {
    StringBuilder out = new StringBuilder(dryRun ? "Plan (dry run, nothing written):\n" : "Imported:\n");
    actions.forEach(a -> out.append("  ").append(a).append('\n'));
    if (!unmapped.isEmpty()) {
      out.append("Not mapped (left out, by path in the source):\n");
      unmapped.forEach(u -> out.append("  ").append(u).append('\n'));
    }
    if (!forAPerson.isEmpty()) {
      out.append("Needs a person:\n");
      forAPerson.forEach(p -> out.append("  ").append(p).append('\n'));
    }
    return out.toString();
  }
}
