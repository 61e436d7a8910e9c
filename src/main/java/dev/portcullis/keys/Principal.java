package dev.portcullis.keys;

/** Who is calling: the authenticated gateway key, its workspace and role. */
public record Principal(String keyId, String workspaceId, String keyName, Role role) {

  public boolean isAdmin() {
    return role == Role.ADMIN;
  }
}
