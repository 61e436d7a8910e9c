package dev.portcullis.cache;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.error.GatewayException;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

/**
 * A {@code cache} setting of a routing config, in Portkey's syntax: {@code {"mode": "simple" | "semantic",
 * "max_age": <seconds>}} ({@code maxAge} too). {@code max_age} is in seconds, as Portkey documents it (its open-source
 * gateway reads milliseconds); without it an answer is kept for {@link #DEFAULT_MAX_AGE}.
 *
 * @param mode how requests match stored answers
 * @param maxAge how long a stored answer may be served
 */
public record CacheSettings(CacheMode mode, Duration maxAge) {

  /** How long an answer is kept when the setting names no {@code max_age}: one day. */
  public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(1);
  /** The longest {@code max_age} accepted: one year, in seconds. */
  public static final long MAX_AGE_LIMIT_SECONDS = 365L * 24 * 3600;

  private static final Set<String> FIELDS = Set.of("mode", "max_age", "maxAge");

  /**
   * Reads a {@code cache} object.
   *
   * @param where where it was given, for messages (e.g. {@code x-portkey-config})
   * @throws GatewayException.BadRequest naming the bad value and what was expected
   */
  public static CacheSettings parse(JsonNode json, String where) {
    String name = where + ": cache";
    if (json == null || !json.isObject()) {
      throw GatewayException.badRequest(name + " is " + describe(json)
          + " (expected: an object like {\"mode\": \"simple\", \"max_age\": 3600})", "cache");
    }
    for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!FIELDS.contains(field)) {
        throw GatewayException.badRequest(name + "." + field + " is not a cache setting (expected: mode, max_age)",
            "cache");
      }
    }
    JsonNode mode = json.get("mode");
    if (mode == null || !mode.isTextual()) {
      throw GatewayException.badRequest(name + ".mode is " + describe(mode)
          + " (expected: \"simple\" or \"semantic\")", "cache.mode");
    }
    CacheMode parsed = switch (mode.asText().toLowerCase(Locale.ROOT)) {
      case "simple" -> CacheMode.SIMPLE;
      case "semantic" -> CacheMode.SEMANTIC;
      default -> throw GatewayException.badRequest(name + ".mode is '" + mode.asText()
          + "' (expected: \"simple\" or \"semantic\")", "cache.mode");
    };
    JsonNode age = json.has("max_age") ? json.get("max_age") : json.get("maxAge");
    if (age == null || age.isNull()) {
      return new CacheSettings(parsed, DEFAULT_MAX_AGE);
    }
    if (!age.canConvertToExactIntegral() || age.asLong() < 1 || age.asLong() > MAX_AGE_LIMIT_SECONDS) {
      throw GatewayException.badRequest(name + ".max_age is " + age + " (expected: whole seconds, 1.."
          + MAX_AGE_LIMIT_SECONDS + ")", "cache.max_age");
    }
    return new CacheSettings(parsed, Duration.ofSeconds(age.asLong()));
  }

  private static String describe(JsonNode node) {
    return node == null ? "missing" : node.isTextual() ? "'" + node.asText() + "'" : node.toString();
  }
}
