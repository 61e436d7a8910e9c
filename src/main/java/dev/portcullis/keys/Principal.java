package dev.portcullis.keys;

import java.util.Map;
import java.util.Set;

/**
 * Who is calling: the authenticated gateway key, its workspace, and what it may do.
 *
 * @param role the key's role (for a key made from scopes, the smallest role covering them)
 * @param scopes what the key may do, already narrowed to its user's role when it belongs to one
 * @param userId the user the key belongs to, or null
 * @param defaultConfig routing config attached to the key, as JSON text (an object, or a string naming a saved
 *     config), or null
 * @param cache the response cache of the key (JSON text), used when the call's config sets none, or null
 * @param metadata metadata attached to the key
 */
public record Principal(
    String keyId,
    String workspaceId,
    String keyName,
    Role role,
    Set<Scope> scopes,
    String userId,
    String defaultConfig,
    String cache,
    Map<String, String> metadata) {

  public Principal {
    scopes = Set.copyOf(scopes);
    metadata = Map.copyOf(metadata);
  }

  public boolean has(Scope scope) {
    return scopes.contains(scope);
  }

  public boolean isAdmin() {
    return has(Scope.ADMIN);
  }
}
