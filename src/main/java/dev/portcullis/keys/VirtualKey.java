package dev.portcullis.keys;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A provider credential held by the gateway under a slug ({@code @slug/model}), unique within its workspace. This
 * record carries no secret; the secret fields are encrypted in the store and only decrypted into a
 * {@link ResolvedVirtualKey}.
 *
 * @param baseUrl custom base URL, or null for the provider's default
 * @param models models this key may call; empty means any
 * @param settings the provider's non-secret credential fields ({@code resource_name}, {@code aws_region}, ...)
 * @param rotatedAt when the credential was last replaced, or null
 */
public record VirtualKey(
    String id,
    String workspaceId,
    String slug,
    String name,
    String provider,
    String baseUrl,
    List<String> models,
    Instant createdAt,
    boolean enabled,
    Map<String, String> settings,
    Instant rotatedAt) {

  public VirtualKey {
    models = List.copyOf(models);
    settings = Map.copyOf(settings);
  }

  public boolean allows(String model) {
    return models.isEmpty() || models.contains(model);
  }

  VirtualKey edited(String newName, String newBaseUrl, List<String> newModels, boolean newEnabled) {
    return new VirtualKey(id, workspaceId, slug, newName, provider, newBaseUrl, newModels, createdAt, newEnabled,
        settings, rotatedAt);
  }

  VirtualKey rotated(Map<String, String> newSettings, Instant at) {
    return new VirtualKey(id, workspaceId, slug, name, provider, baseUrl, models, createdAt, enabled, newSettings, at);
  }
}
