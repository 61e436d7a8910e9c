package dev.portcullis.migrate.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * {@code GET /configs} for the list, {@code GET /configs/{slug}} for each body (Portkey answers it as
 * {@code {"success": true, "data": {"config": {...}}}}; a body given as a JSON string is read too).
 */
final class PortkeyConfigs implements PortkeyListing<PortkeyConfigs.Config> {

  private static final ObjectMapper JSON = new ObjectMapper();

  record Config(String slug, String name, String body) {}

  @Override
  public List<Config> read(PortkeyAdminClient portkey, String portkeyWorkspaceId) {
    return portkey.list("/configs", portkeyWorkspaceId).stream()
        .filter(c -> !"archived".equals(c.path("status").asText()))
        .map(c -> new Config(c.path("slug").asText(), c.path("name").asText(null),
            body(portkey.get("/configs/" + c.path("slug").asText()))))
        .toList();
  }

  private static String body(JsonNode answer) {
    JsonNode data = answer.has("data") ? answer.path("data") : answer;
    JsonNode config = data.path("config");
    try {
      return config.isTextual() ? JSON.writeValueAsString(JSON.readTree(config.asText()))
          : JSON.writeValueAsString(config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
