package dev.portcullis.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.keys.TenancyViews;
import dev.portcullis.keys.UserService;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/** {@code /admin/v1/users}: people in a workspace, with roles; deleting one revokes their keys. */
final class UsersApi {

  private static final Set<String> CREATE_FIELDS = Set.of("email", "name", "role", "workspace_id");
  private static final Set<String> PATCH_FIELDS = Set.of("name", "role");

  private final UserService service;

  UsersApi(UserService service) {
    this.service = service;
  }

  void mount(Router router) {
    router.get("/admin/v1/users").handler(this::list);
    router.post("/admin/v1/users").handler(this::create);
    router.get("/admin/v1/users/:id").handler(this::read);
    router.patch("/admin/v1/users/:id").handler(this::update);
    router.delete("/admin/v1/users/:id").handler(this::delete);
  }

  private void create(RoutingContext ctx) {
    AdminJson.respond(ctx, 201, () -> {
      ObjectNode body = AdminJson.body(ctx);
      AdminJson.only(body, CREATE_FIELDS);
      String workspace = AdminJson.string(body, "workspace_id", false);
      return TenancyViews.of(service.create(AdminAccess.reach(ctx), AdminAccess.actor(ctx),
          workspace == null ? AdminAccess.workspace(ctx) : workspace, AdminJson.string(body, "email", true),
          AdminJson.string(body, "name", false), AdminJson.role(body)));
    });
  }

  private void list(RoutingContext ctx) {
    AdminJson.respond(ctx, 200, () -> AdminJson.list(service.list(AdminAccess.reach(ctx), AdminAccess.workspace(ctx))
        .stream().map(TenancyViews::of).toList()));
  }

  private void read(RoutingContext ctx) {
    AdminJson.respond(ctx, 200, () -> TenancyViews.of(service.find(AdminAccess.reach(ctx), ctx.pathParam("id"))));
  }

  private void update(RoutingContext ctx) {
    AdminJson.respond(ctx, 200, () -> {
      ObjectNode body = AdminJson.body(ctx);
      AdminJson.only(body, PATCH_FIELDS);
      return TenancyViews.of(service.update(AdminAccess.reach(ctx), AdminAccess.actor(ctx), ctx.pathParam("id"),
          AdminJson.string(body, "name", false), AdminJson.role(body)));
    });
  }

  private void delete(RoutingContext ctx) {
    AdminJson.respond(ctx, 200, () ->
        TenancyViews.of(service.delete(AdminAccess.reach(ctx), AdminAccess.actor(ctx), ctx.pathParam("id"))));
  }
}
