package dev.portcullis.migrate.importer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** {@code GET /virtual-keys}: slug, provider, status, limits; never the secret, which Portkey does not return. */
final class PortkeyVirtualKeys implements PortkeyListing<PortkeyVirtualKeys.VirtualKey> {

  /**
   * @param usageLimits {@code {"credit_limit", "periodic_reset", "alert_threshold"}} or missing
   * @param rateLimits {@code [{"type": "requests", "unit": "rpm", "value"}]} or missing
   */
  record VirtualKey(String slug, String name, String provider, String status, JsonNode modelConfig,
      JsonNode usageLimits, JsonNode rateLimits) {}

  @Override
  public List<VirtualKey> read(PortkeyAdminClient portkey, String portkeyWorkspaceId) {
    return portkey.list("/virtual-keys", portkeyWorkspaceId).stream()
        .map(k -> new VirtualKey(k.path("slug").asText(), k.path("name").asText(null),
            k.path("ai_provider_name").asText(k.path("provider").asText()), k.path("status").asText("active"),
            k.path("model_config"), k.path("usage_limits"), k.path("rate_limits")))
        .toList();
  }
}
