package dev.portcullis.migrate;

/**
 * Something {@code migrate portkey} saw and left as it is: either it works unchanged on Portcullis, or it names
 * something a person must bring over (a virtual key to create, a config or a prompt to import).
 *
 * @param file the file, relative to the migrated directory
 * @param line 1-based
 */
public record Finding(Kind kind, String value, String file, int line) {

  /** What was seen. */
  public enum Kind {
    VIRTUAL_KEY(true), CONFIG(true), PROMPT(true), CONSTRUCTOR_WITHOUT_LITERAL_OPTIONS(true),
    PORTKEY_HEADER(false), CREATE_HEADERS(false), SLUG_MODEL(false);

    private final boolean needsPerson;

    Kind(boolean needsPerson) {
      this.needsPerson = needsPerson;
    }

    public boolean needsPerson() {
      return needsPerson;
    }
  }

  public String where() {
    return file + ":" + line;
  }
}
