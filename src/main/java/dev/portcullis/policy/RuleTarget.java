package dev.portcullis.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * What a rule is about: every request ({@code any}), a model ({@code llm_model}, a glob), a provider, a virtual key
 * (its slug) or an endpoint (a glob on the path).
 *
 * @param pattern null for {@code any}
 */
public record RuleTarget(Kind kind, Glob pattern) {

  /** The kinds of target, and the JSON field each names its pattern in. */
  public enum Kind {
    ANY(null), LLM_MODEL("model"), PROVIDER("provider"), VIRTUAL_KEY("slug"), ENDPOINT("path");

    private final String field;

    Kind(String field) {
      this.field = field;
    }

    /** The JSON field holding the pattern, or null for {@code any}. */
    public String field() {
      return field;
    }

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static final RuleTarget ANY = new RuleTarget(Kind.ANY, null);

  boolean matches(PolicyFacts facts) {
    return switch (kind) {
      case ANY -> true;
      case LLM_MODEL -> pattern.matches(facts.model());
      case PROVIDER -> pattern.matches(facts.provider());
      case VIRTUAL_KEY -> pattern.matches(facts.virtualKey());
      case ENDPOINT -> pattern.matches(facts.path());
    };
  }

  JsonNode toJson() {
    ObjectNode json = JsonNodeFactory.instance.objectNode().put("kind", kind.wireName());
    if (pattern != null) {
      json.put(kind.field(), pattern.pattern());
    }
    return json;
  }

  /** As a message names it: {@code llm_model gpt-4o*}. */
  @Override
  public String toString() {
    return pattern == null ? kind.wireName() : kind.wireName() + " " + pattern;
  }
}
