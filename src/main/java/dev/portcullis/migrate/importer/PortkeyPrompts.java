package dev.portcullis.migrate.importer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * {@code GET /prompts} and {@code GET /prompts/{id}/versions}: every prompt with every version, read into records
 * for the prompt library to create.
 */
final class PortkeyPrompts implements PortkeyListing<PortkeyPrompts.Prompt> {

  record Prompt(String id, String slug, String name, List<Version> versions) {}

  /**
   * @param template the version's template as Portkey keeps it ({@code string}: its messages or text)
   * @param parameters the default model parameters
   */
  record Version(int number, String template, JsonNode parameters, String model, String virtualKey) {}

  @Override
  public List<Prompt> read(PortkeyAdminClient portkey, String portkeyWorkspaceId) {
    return portkey.list("/prompts", portkeyWorkspaceId).stream()
        .map(p -> new Prompt(p.path("id").asText(), p.path("slug").asText(), p.path("name").asText(null),
            portkey.list("/prompts/" + p.path("id").asText() + "/versions", null).stream()
                .map(v -> new Version(v.path("prompt_version").asInt(), v.path("string").asText(null),
                    v.path("parameters"), v.path("model").asText(null), v.path("virtual_key").asText(null)))
                .toList()))
        .toList();
  }
}
