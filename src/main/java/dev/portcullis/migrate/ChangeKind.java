package dev.portcullis.migrate;

/** What one rewrite of {@code migrate portkey} does, as the summary counts it. */
public enum ChangeKind {
  BASE_URL("Portkey base URL -> gateway URL"),
  GATEWAY_URL_CONSTANT("PORTKEY_GATEWAY_URL import/usage -> gateway URL"),
  CONSTRUCTOR_BASE_URL("Portkey client constructor given the gateway URL"),
  ENV_RENAME("PORTKEY_API_KEY -> PORTCULLIS_API_KEY");

  private final String description;

  ChangeKind(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}
