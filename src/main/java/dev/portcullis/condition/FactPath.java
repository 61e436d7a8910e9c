package dev.portcullis.condition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where a condition looks: {@code metadata.<key>} (the whole rest is the key, dots included),
 * {@code params.<field>[.<field or array index>]...} into the request body, or a named fact the parser's user allows
 * ({@code url.pathname} for routing; {@code user}, {@code model}, {@code time.hour_utc}... for policy rules).
 */
record FactPath(String text, Source source, String metadataKey, List<String> paramsPath) {

  enum Source { METADATA, PARAMS, NAMED }

  static Optional<FactPath> parse(String text, Set<String> named) {
    if (named.contains(text)) {
      return Optional.of(new FactPath(text, Source.NAMED, null, null));
    }
    if (text.startsWith("metadata.") && text.length() > "metadata.".length()) {
      return Optional.of(new FactPath(text, Source.METADATA, text.substring("metadata.".length()), null));
    }
    if (text.startsWith("params.") && text.length() > "params.".length()) {
      List<String> path = List.of(text.substring("params.".length()).split("\\.", -1));
      return path.contains("") ? Optional.empty() : Optional.of(new FactPath(text, Source.PARAMS, null, path));
    }
    return Optional.empty();
  }

  /** The value in this request, or a missing node. */
  JsonNode resolve(ConditionFacts facts) {
    return switch (source) {
      case NAMED -> text(facts.named(text));
      case METADATA -> text(facts.metadata(metadataKey));
      case PARAMS -> {
        JsonNode node = facts.params();
        for (String segment : paramsPath) {
          node = node.isArray() && isIndex(segment) ? node.path(Integer.parseInt(segment)) : node.path(segment);
        }
        yield node;
      }
    };
  }

  private static JsonNode text(String value) {
    return value == null ? MissingNode.getInstance() : TextNode.valueOf(value);
  }

  private static boolean isIndex(String segment) {
    return segment.length() <= 9 && segment.chars().allMatch(Character::isDigit);
  }

  @Override
  public String toString() {
    return text;
  }
}
