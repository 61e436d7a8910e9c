package dev.portcullis.cli;

/** The text table a list command prints: a header row naming the columns, then one row per object. */
final class CliTable {

  private final String format;

  /** Prints the header row at once, so an empty list still says what it would list. */
  CliTable(String format, String... headers) {
    this.format = format + "%n";
    System.out.printf(this.format, (Object[]) headers);
  }

  void row(Object... values) {
    System.out.printf(format, values);
  }
}
