package dev.portcullis.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.portcullis.condition.ConditionFacts;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What policy rules look at in one request: its caller, what it asks for, and the time. The body ({@code params.*})
 * is read only when a condition asks for it.
 *
 * @param user the end user ({@code _user} in the metadata), or null
 * @param model the model asked for, without its {@code @slug/} or {@code provider/} prefix, or null
 * @param provider the provider the request names ({@code provider/model} or the provider header), or null
 * @param virtualKey the virtual key's slug the request names, or null
 * @param path the request path, e.g. {@code /v1/chat/completions}
 * @param body the request body as JSON, read at most once, or null for none
 */
public record PolicyFacts(
    Map<String, String> metadata,
    String user,
    String apiKeyId,
    String workspaceId,
    String model,
    String provider,
    String virtualKey,
    String path,
    Instant now,
    Supplier<JsonNode> body) implements ConditionFacts {

  /** The named facts rule conditions may test. */
  public static final Set<String> NAMED = Set.of("user", "api_key", "workspace", "model", "provider", "virtual_key",
      "url.pathname", "time.hour_utc", "time.weekday");

  @Override
  public String metadata(String key) {
    return metadata.get(key);
  }

  @Override
  public JsonNode params() {
    JsonNode json = body == null ? null : body.get();
    return json == null ? MissingNode.getInstance() : json;
  }

  @Override
  public String named(String name) {
    return switch (name) {
      case "user" -> user;
      case "api_key" -> apiKeyId;
      case "workspace" -> workspaceId;
      case "model" -> model;
      case "provider" -> provider;
      case "virtual_key" -> virtualKey;
      case "url.pathname" -> path;
      case "time.hour_utc" -> Integer.toString(utc().getHour());
      case "time.weekday" -> utc().getDayOfWeek().name().toLowerCase(Locale.ROOT);
      default -> null;
    };
  }

  private ZonedDateTime utc() {
    return now.atZone(ZoneOffset.UTC);
  }
}
