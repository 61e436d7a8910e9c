package dev.portcullis.migrate.importer;

import java.util.List;

/** {@code GET /admin/workspaces}: the account's workspaces (an admin API key's view). */
final class PortkeyWorkspaces implements PortkeyListing<PortkeyWorkspaces.Workspace> {

  record Workspace(String id, String slug, String name) {}

  @Override
  public List<Workspace> read(PortkeyAdminClient portkey, String portkeyWorkspaceId) {
    return portkey.list("/admin/workspaces", null).stream()
        .map(w -> new Workspace(w.path("id").asText(), w.path("slug").asText(null),
            w.path("name").asText(w.path("slug").asText(w.path("id").asText()))))
        .toList();
  }
}
