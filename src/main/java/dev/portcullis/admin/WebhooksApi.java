package dev.portcullis.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.alert.WebhookDraft;
import dev.portcullis.alert.WebhookService;
import dev.portcullis.keys.WorkspaceService;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * {@code /admin/v1/webhooks}: where alerts are sent. A webhook hears the alerts of its workspace and of every
 * workspace below it; its secret is write-only.
 */
public final class WebhooksApi {

  private static final Set<String> FIELDS = Set.of("url", "events", "secret", "format", "workspace_id");

  private final WebhookService webhooks;
  private final WorkspaceService workspaces;

  public WebhooksApi(WebhookService webhooks, WorkspaceService workspaces) {
    this.webhooks = webhooks;
    this.workspaces = workspaces;
  }

  void mount(Router router) {
    router.post("/admin/v1/webhooks").handler(this::create);
    router.get("/admin/v1/webhooks").handler(this::list);
    router.get("/admin/v1/webhooks/:id").handler(this::read);
    router.patch("/admin/v1/webhooks/:id").handler(this::update);
    router.delete("/admin/v1/webhooks/:id").handler(this::delete);
  }

  private void create(RoutingContext ctx) {
    var actor = AdminAccess.actor(ctx);
    AdminJson.respond(ctx, 201, () -> {
      ObjectNode body = AdminJson.body(ctx);
      AdminJson.only(body, FIELDS);
      String workspace = AdminAccess.workspaceOfWrite(ctx, AdminJson.string(body, "workspace_id", false), workspaces);
      return WebhookService.describe(webhooks.create(workspace, draft(body), actor));
    });
  }

  private void list(RoutingContext ctx) {
    String workspace = AdminAccess.workspace(ctx);
    AdminJson.respond(ctx, 200, () -> AdminJson.list(webhooks.list(workspaces.subtreeIds(workspace)).stream()
        .map(WebhookService::describe).toList()));
  }

  private void read(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    String workspace = AdminAccess.workspace(ctx);
    AdminJson.respond(ctx, 200, () -> WebhookService.describe(webhooks.find(id, workspaces.subtreeIds(workspace))));
  }

  private void update(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    String workspace = AdminAccess.workspace(ctx);
    var actor = AdminAccess.actor(ctx);
    AdminJson.respond(ctx, 200, () -> {
      ObjectNode body = AdminJson.body(ctx);
      AdminJson.only(body, Set.of("url", "events", "secret", "format"));
      return WebhookService.describe(webhooks.update(id, workspaces.subtreeIds(workspace), draft(body), actor));
    });
  }

  private void delete(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    String workspace = AdminAccess.workspace(ctx);
    var actor = AdminAccess.actor(ctx);
    AdminJson.respond(ctx, 200, () -> {
      webhooks.delete(id, workspaces.subtreeIds(workspace), actor);
      return AdminJson.MAPPER.createObjectNode().put("id", id).put("deleted", true);
    });
  }

  private static WebhookDraft draft(ObjectNode body) {
    return new WebhookDraft(AdminJson.string(body, "url", false), AdminJson.strings(body, "events"),
        AdminJson.string(body, "format", false), AdminJson.string(body, "secret", false));
  }
}
