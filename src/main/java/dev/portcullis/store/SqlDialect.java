package dev.portcullis.store;

/** The two databases Portcullis runs on, and the few SQL fragments that differ between them. */
public enum SqlDialect {
  /** Embedded, one file, one writer: the single-machine default. */
  SQLITE("json_extract(metadata, '$.\"' || ? || '\"')"),
  /** Shared by several gateway nodes. */
  POSTGRESQL("(metadata::jsonb ->> CAST(? AS TEXT))");

  private final String metadataValue;

  SqlDialect(String metadataValue) {
    this.metadataValue = metadataValue;
  }

  /**
   * An expression for the text value stored under one top-level key of the JSON object in the {@code metadata}
   * column, with one parameter: the key, bound as is. A key containing dots is read as one key, not as a path. Keys
   * must not contain a double quote (callers validate them).
   */
  public String metadataValue() {
    return metadataValue;
  }
}
