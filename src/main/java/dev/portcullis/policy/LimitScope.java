package dev.portcullis.policy;

/**
 * Whose usage a limit counts: each gateway key's, each end user's, each workspace's, or each value of one metadata
 * key's. Requests without the user or the metadata value share one count.
 *
 * @param metadataKey the key for {@code metadata.<k>}, else null
 */
public record LimitScope(Kind kind, String metadataKey) {

  public enum Kind { KEY, USER, WORKSPACE, METADATA }

  /** The value this request counts under. */
  String of(PolicyFacts facts) {
    String v = switch (kind) {
      case KEY -> facts.apiKeyId();
      case USER -> facts.user();
      case WORKSPACE -> facts.workspaceId();
      case METADATA -> facts.metadata(metadataKey);
    };
    return v == null ? "" : v;
  }

  @Override
  public String toString() {
    return kind == Kind.METADATA ? "metadata." + metadataKey : kind.name().toLowerCase(java.util.Locale.ROOT);
  }
}
