package dev.portcullis.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.error.GatewayException;
import dev.portcullis.keys.ApiKey;
import dev.portcullis.keys.ApiKeyService;
import dev.portcullis.keys.Authenticator;
import dev.portcullis.keys.Role;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** {@code /admin/v1/api-keys}: create (the secret is in this answer only), list, revoke. */
public final class KeysApi {

  private final ApiKeyService service;
  private final Authenticator authenticator;

  public KeysApi(ApiKeyService service, Authenticator authenticator) {
    this.service = service;
    this.authenticator = authenticator;
  }

  public void mount(Router router) {
    router.post("/admin/v1/api-keys").handler(this::create);
    router.get("/admin/v1/api-keys").handler(this::list);
    router.delete("/admin/v1/api-keys/:id").handler(this::revoke);
  }

  private void create(RoutingContext ctx) {
    String workspace = AdminAccess.principal(ctx).workspaceId();
    ctx.vertx().executeBlocking(() -> {
      ObjectNode body = AdminJson.body(ctx);
      String name = AdminJson.string(body, "name", true);
      String roleText = AdminJson.string(body, "role", false);
      Role role;
      try {
        role = roleText == null ? Role.MEMBER : Role.parse(roleText);
      } catch (IllegalArgumentException e) {
        throw GatewayException.badRequest(e.getMessage(), "role");
      }
      try {
        return service.create(name, role, workspace, AdminJson.instant(body, "expires_at"));
      } catch (IllegalArgumentException e) {
        throw GatewayException.badRequest(e.getMessage());
      }
    }, false).onSuccess(created -> {
      authenticator.remember(created.key());
      ObjectNode json = describe(created.key());
      json.put("key", created.secret());
      AdminJson.send(ctx, 201, json);
    }).onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    String workspace = AdminAccess.principal(ctx).workspaceId();
    ctx.vertx().executeBlocking(() -> service.list(workspace), false)
        .onSuccess(keys -> AdminJson.send(ctx, 200, AdminJson.list(keys.stream().map(KeysApi::describe).toList())))
        .onFailure(ctx::fail);
  }

  private void revoke(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    String workspace = AdminAccess.principal(ctx).workspaceId();
    ctx.vertx().executeBlocking(() -> {
      ApiKey key = service.find(id).filter(k -> k.workspaceId().equals(workspace))
          .orElseThrow(() -> GatewayException.notFound("api key '" + id + "' does not exist"));
      if (!service.revoke(id)) {
        throw GatewayException.notFound("api key '" + id + "' is already revoked");
      }
      return key;
    }, false).onSuccess(key -> {
      authenticator.forget(key);
      ObjectNode json = AdminJson.MAPPER.createObjectNode();
      json.put("id", id);
      json.put("revoked", true);
      AdminJson.send(ctx, 200, json);
    }).onFailure(ctx::fail);
  }

  static ObjectNode describe(ApiKey key) {
    ObjectNode json = AdminJson.MAPPER.createObjectNode();
    json.put("id", key.id());
    json.put("object", "api_key");
    json.put("name", key.name());
    json.put("workspace_id", key.workspaceId());
    json.put("role", key.role().wireName());
    json.put("display_prefix", key.displayPrefix());
    json.put("created_at", key.createdAt().toString());
    json.put("expires_at", key.expiresAt() == null ? null : key.expiresAt().toString());
    json.put("revoked_at", key.revokedAt() == null ? null : key.revokedAt().toString());
    return json;
  }
}
