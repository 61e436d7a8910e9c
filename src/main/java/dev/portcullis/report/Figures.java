package dev.portcullis.report;

import java.util.Locale;

/** How reports write numbers: spend with six decimals, rates as percentages, changes with their sign. */
final class Figures {

  private Figures() {}

  static String usd(double value) {
    return String.format(Locale.ROOT, "$%.6f", value);
  }

  static String percent(double rate) {
    return String.format(Locale.ROOT, "%.2f%%", rate * 100);
  }

  /** The change from {@code before} to {@code now}, or why there is none to give. */
  static String change(double now, double before) {
    if (before == 0) {
      return now == 0 ? "no change" : "n/a (none before)";
    }
    return String.format(Locale.ROOT, "%+.1f%%", (now - before) / before * 100);
  }

  /** The change of a rate, in percentage points. */
  static String points(double now, double before) {
    return String.format(Locale.ROOT, "%+.2f pt", (now - before) * 100);
  }
}
