package dev.portcullis.keys;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON shape of each tenancy object, shared by admin API answers and audit entries, so both say the same thing.
 * Secrets never appear: gateway keys show a display prefix, virtual keys list their secret fields as {@code "****"}.
 */
public final class TenancyViews {

  public static final String MASK = "****";

  private TenancyViews() {}

  public static ObjectNode of(ApiKey k) {
    ObjectNode json = StoredJson.MAPPER.createObjectNode();
    json.put("id", k.id());
    json.put("object", "api_key");
    json.put("name", k.name());
    json.put("workspace_id", k.workspaceId());
    json.put("role", k.role().wireName());
    json.putArray("scopes").addAll(k.scopes().stream().sorted().map(s -> json.textNode(s.wireName())).toList());
    json.put("user_id", k.userId());
    json.put("display_prefix", k.displayPrefix());
    if (k.defaultConfig() == null) {
      json.putNull("default_config");
    } else {
      json.set("default_config", readTree(k.defaultConfig()));
    }
    if (k.cache() == null) {
      json.putNull("cache");
    } else {
      json.set("cache", readTree(k.cache()));
    }
    json.set("metadata", strings(k.metadata()));
    json.put("created_at", text(k.createdAt()));
    json.put("expires_at", text(k.expiresAt()));
    json.put("revoked_at", text(k.revokedAt()));
    json.put("rotated_at", text(k.rotatedAt()));
    json.put("previous_secret_valid_until", text(k.previousValidUntil()));
    json.put("last_used_at", text(k.lastUsedAt()));
    return json;
  }

  public static ObjectNode of(VirtualKey k) {
    ObjectNode json = StoredJson.MAPPER.createObjectNode();
    json.put("id", k.id());
    json.put("object", "virtual_key");
    json.put("slug", k.slug());
    json.put("name", k.name());
    json.put("provider", k.provider());
    json.put("workspace_id", k.workspaceId());
    json.put("base_url", k.baseUrl());
    json.putArray("models").addAll(k.models().stream().map(json::textNode).toList());
    json.set("settings", strings(k.settings()));
    ObjectNode secrets = json.putObject("secrets");
    CredentialFields.secretNames(k.provider()).forEach(name -> secrets.put(name, MASK));
    json.put("enabled", k.enabled());
    json.put("created_at", text(k.createdAt()));
    json.put("rotated_at", text(k.rotatedAt()));
    return json;
  }

  public static ObjectNode of(Workspace w) {
    ObjectNode json = StoredJson.MAPPER.createObjectNode();
    json.put("id", w.id());
    json.put("object", "workspace");
    json.put("name", w.name());
    json.put("parent_id", w.parentId());
    json.put("enabled", w.enabled());
    ObjectNode limits = json.putObject("limits");
    limits.put("max_api_keys", w.limits().maxApiKeys());
    limits.put("max_virtual_keys", w.limits().maxVirtualKeys());
    limits.put("max_workspaces", w.limits().maxWorkspaces());
    json.set("metadata", strings(w.metadata()));
    json.put("log_retention_days", w.logRetentionDays());
    json.put("created_at", text(w.createdAt()));
    json.put("deleted_at", text(w.deletedAt()));
    return json;
  }

  public static ObjectNode of(User u) {
    ObjectNode json = StoredJson.MAPPER.createObjectNode();
    json.put("id", u.id());
    json.put("object", "user");
    json.put("workspace_id", u.workspaceId());
    json.put("email", u.email());
    json.put("name", u.name());
    json.put("role", u.role().wireName());
    json.put("created_at", text(u.createdAt()));
    return json;
  }

  private static ObjectNode strings(Map<String, String> map) {
    ObjectNode json = StoredJson.MAPPER.createObjectNode();
    new TreeMap<>(map).forEach(json::put);
    return json;
  }

  private static com.fasterxml.jackson.databind.JsonNode readTree(String text) {
    try {
      return StoredJson.MAPPER.readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("stored default_config is not JSON", e);
    }
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
