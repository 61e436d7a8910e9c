package dev.portcullis.migrate.importer;

import java.util.List;

/**
 * One kind of object read from a Portkey account into records: workspaces, virtual keys, configs, prompts. Each
 * importer step reads through one of these, so a new kind is one small class.
 *
 * @param <T> the record read
 */
interface PortkeyListing<T> {

  /** The objects of one Portkey workspace, or of the API key's own when {@code portkeyWorkspaceId} is null. */
  List<T> read(PortkeyAdminClient portkey, String portkeyWorkspaceId);
}
