package dev.portcullis.observe.analytics;

import dev.portcullis.observe.RequestLogQuery;
import java.util.List;
import java.util.Map;

/**
 * What analytics groups by: a column of the log (and of the rollups), or one caller metadata key.
 *
 * @param label as clients name it: {@code model}, {@code provider}, {@code api_key}, {@code virtual_key},
 *     {@code workspace}, {@code user}, {@code prompt}, {@code prompt_version} or {@code metadata.<key>}
 * @param column the column (or SQL expression over the log's columns) grouped by, or null for metadata
 * @param metadataKey the metadata key grouped by, or null for a column
 * @param rowsOnly whether only the log rows hold the value (the rollups do not), as for metadata and prompts
 */
public record GroupBy(String label, String column, String metadataKey, boolean rowsOnly) {

  private static final String METADATA_PREFIX = "metadata.";

  private static final Map<String, String> COLUMNS = Map.of("model", "model", "provider", "provider", "api_key",
      "api_key_id", "virtual_key", "virtual_key", "workspace", "workspace_id", "user", "user_id");

  /**
   * Groupings the rollups do not keep: by prompt, and by prompt version ({@code pp-...@3}) to compare the versions of
   * an A/B split.
   */
  private static final Map<String, String> ROW_COLUMNS = Map.of("prompt", "prompt_id", "prompt_version",
      "prompt_id || '@' || CAST(prompt_version AS TEXT)");

  private static final List<String> CHOICES = List.of("model", "provider", "api_key", "virtual_key", "workspace",
      "user", "prompt", "prompt_version", "metadata.<key>");

  /**
   * @throws IllegalArgumentException naming the value and the choices, when it is none of them
   */
  public static GroupBy parse(String value) {
    String column = COLUMNS.get(value);
    if (column != null) {
      return new GroupBy(value, column, null, false);
    }
    String rowColumn = ROW_COLUMNS.get(value);
    if (rowColumn != null) {
      return new GroupBy(value, rowColumn, null, true);
    }
    if (value.startsWith(METADATA_PREFIX)) {
      String key = value.substring(METADATA_PREFIX.length());
      if (RequestLogQuery.METADATA_KEY.matcher(key).matches()) {
        return new GroupBy(value, null, key, true);
      }
      throw new IllegalArgumentException("group_by: metadata key '" + key
          + "' (expected: 1..64 of the characters A-Z a-z 0-9 _ . -)");
    }
    throw new IllegalArgumentException("group_by: '" + value + "' (expected: one of " + String.join(", ", CHOICES)
        + ")");
  }
}
