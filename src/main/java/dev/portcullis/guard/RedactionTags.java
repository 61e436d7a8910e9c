package dev.portcullis.guard;

import java.util.HashMap;
import java.util.Map;

/**
 * The tags of one request's redactions: {@code [EMAIL_1]}, {@code [EMAIL_2]}, numbered per type in the order values
 * are first seen, the same value always getting the same tag, on input and output alike. Confined to the request's
 * event loop.
 */
public final class RedactionTags {

  private final Map<String, String> tagOfValue = new HashMap<>();
  private final Map<String, Integer> countOfType = new HashMap<>();

  /** The tag of {@code value} found as {@code type}, made on first sight. */
  public String tag(String type, String value) {
    return tagOfValue.computeIfAbsent(type + '\0' + value,
        k -> "[" + type + "_" + countOfType.merge(type, 1, Integer::sum) + "]");
  }

  @Override
  public String toString() {
    return "RedactionTags[" + countOfType + "]";
  }
}
