package dev.portcullis.keys;

import java.time.Instant;

/**
 * A person in a workspace. Keys made for a user never hold more than the user's role allows; deleting the user
 * revokes them.
 *
 * @param name display name, or null
 */
public record User(String id, String workspaceId, String email, String name, Role role, Instant createdAt) {

  User edited(String newName, Role newRole) {
    return new User(id, workspaceId, email, newName, newRole, createdAt);
  }
}
