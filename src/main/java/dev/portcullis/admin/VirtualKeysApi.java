package dev.portcullis.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.error.GatewayException;
import dev.portcullis.keys.VirtualKey;
import dev.portcullis.keys.VirtualKeyResolver;
import dev.portcullis.keys.VirtualKeyService;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** {@code /admin/v1/virtual-keys}: create, list, delete. The provider credential is accepted, never returned. */
public final class VirtualKeysApi {

  private final VirtualKeyService service;
  private final VirtualKeyResolver resolver;

  public VirtualKeysApi(VirtualKeyService service, VirtualKeyResolver resolver) {
    this.service = service;
    this.resolver = resolver;
  }

  public void mount(Router router) {
    router.post("/admin/v1/virtual-keys").handler(this::create);
    router.get("/admin/v1/virtual-keys").handler(this::list);
    router.delete("/admin/v1/virtual-keys/:slug").handler(this::delete);
  }

  private void create(RoutingContext ctx) {
    String workspace = AdminAccess.principal(ctx).workspaceId();
    ctx.vertx().executeBlocking(() -> {
      ObjectNode body = AdminJson.body(ctx);
      VirtualKeyService.Draft draft = new VirtualKeyService.Draft(
          AdminJson.string(body, "slug", false),
          AdminJson.string(body, "name", false),
          AdminJson.string(body, "provider", true),
          AdminJson.string(body, "api_key", false),
          AdminJson.string(body, "base_url", false),
          AdminJson.strings(body, "models"));
      return service.create(draft, workspace);
    }, false).onSuccess(key -> {
      resolver.forget(key.slug());
      AdminJson.send(ctx, 201, describe(key));
    }).onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    String workspace = AdminAccess.principal(ctx).workspaceId();
    ctx.vertx().executeBlocking(() -> service.list(workspace), false)
        .onSuccess(keys -> AdminJson.send(ctx, 200,
            AdminJson.list(keys.stream().map(VirtualKeysApi::describe).toList())))
        .onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    String slug = ctx.pathParam("slug");
    String workspace = AdminAccess.principal(ctx).workspaceId();
    ctx.vertx().executeBlocking(() -> {
      boolean mine = service.list(workspace).stream().anyMatch(k -> k.slug().equals(slug));
      if (!mine || !service.delete(slug)) {
        throw GatewayException.notFound("virtual key '" + slug + "' does not exist");
      }
      return slug;
    }, false).onSuccess(s -> {
      resolver.forget(s);
      ObjectNode json = AdminJson.MAPPER.createObjectNode();
      json.put("slug", s);
      json.put("deleted", true);
      AdminJson.send(ctx, 200, json);
    }).onFailure(ctx::fail);
  }

  static ObjectNode describe(VirtualKey key) {
    ObjectNode json = AdminJson.MAPPER.createObjectNode();
    json.put("id", key.id());
    json.put("object", "virtual_key");
    json.put("slug", key.slug());
    json.put("name", key.name());
    json.put("provider", key.provider());
    json.put("workspace_id", key.workspaceId());
    json.put("base_url", key.baseUrl());
    json.putArray("models").addAll(key.models().stream().map(AdminJson.MAPPER.getNodeFactory()::textNode).toList());
    json.put("enabled", key.enabled());
    json.put("created_at", key.createdAt().toString());
    return json;
  }
}
