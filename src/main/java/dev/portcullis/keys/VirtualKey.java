package dev.portcullis.keys;

import java.time.Instant;
import java.util.List;

/**
 * A provider credential held by the gateway under a slug ({@code @slug/model}). This record carries no secret; the
 * credential is encrypted in the store and only decrypted into a {@link ResolvedVirtualKey}.
 *
 * @param baseUrl custom base URL, or null for the provider's default
 * @param models models this key may call; empty means any
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
    boolean enabled) {

  public VirtualKey {
    models = List.copyOf(models);
  }

  public boolean allows(String model) {
    return models.isEmpty() || models.contains(model);
  }
}
