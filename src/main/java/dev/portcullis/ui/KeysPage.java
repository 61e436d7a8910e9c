package dev.portcullis.ui;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;

/**
 * Keys: gateway keys (create with the secret shown once, revoke, rotate with grace), virtual keys (create, rotate,
 * disable; a provider secret is never shown back), workspaces as a tree, users and roles.
 */
final class KeysPage implements Page {

  @Override
  public String title() {
    return "Keys";
  }

  @Override
  public Future<String> render(PageCall call) {
    AdminReader admin = call.admin();
    Future<JsonNode> keys = admin.get("/admin/v1/api-keys");
    Future<JsonNode> virtualKeys = admin.get("/admin/v1/virtual-keys");
    Future<JsonNode> workspaces = admin.get("/admin/v1/workspaces");
    Future<JsonNode> users = admin.get("/admin/v1/users");
    return Future.all(List.of(keys, virtualKeys, workspaces, users)).map(all -> call.render("keys", Map.of(
        "keys", keys.result().path("data"),
        "virtualKeys", virtualKeys.result().path("data"),
        "workspaces", WorkspaceTree.of(workspaces.result().path("data")),
        "users", users.result().path("data"))));
  }
}
