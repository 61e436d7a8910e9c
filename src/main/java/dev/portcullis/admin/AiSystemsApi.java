package dev.portcullis.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.keys.WorkspaceService;
import dev.portcullis.observe.AuditActor;
import dev.portcullis.report.AiSystemJson;
import dev.portcullis.report.AiSystemService;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code /admin/v1/ai-systems}: the register of AI systems for EU AI Act documentation. A system lives in a workspace
 * ({@code workspace_id} in the body or query, else the caller's) and is seen from it and its ancestors. Changes are
 * audited.
 */
public final class AiSystemsApi {

  private final AiSystemService service;
  private final WorkspaceService workspaces;

  public AiSystemsApi(AiSystemService service, WorkspaceService workspaces) {
    this.service = service;
    this.workspaces = workspaces;
  }

  void mount(Router router) {
    router.post("/admin/v1/ai-systems").handler(this::create);
    router.get("/admin/v1/ai-systems").handler(this::list);
    router.get("/admin/v1/ai-systems/:id").handler(this::get);
    router.patch("/admin/v1/ai-systems/:id").handler(this::update);
  }

  private void create(RoutingContext ctx) {
    AuditActor actor = AdminAccess.actor(ctx);
    AdminJson.respond(ctx, 201, () -> {
      ObjectNode body = AdminJson.body(ctx);
      String asked = AdminJson.string(body, "workspace_id", false);
      body.remove("workspace_id");
      String workspace = AdminAccess.workspaceOfWrite(ctx, asked, workspaces);
      return AiSystemJson.describe(service.create(body, workspace, actor));
    });
  }

  private void list(RoutingContext ctx) {
    String workspace = AdminAccess.workspace(ctx);
    AdminJson.respond(ctx, 200, () -> AdminJson.list(service.list(workspace).stream().map(AiSystemJson::describe)
        .toList()));
  }

  private void get(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    String workspace = AdminAccess.workspace(ctx);
    AdminJson.respond(ctx, 200, () -> AiSystemJson.describe(service.find(id, workspace)));
  }

  private void update(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    String workspace = AdminAccess.workspace(ctx);
    AuditActor actor = AdminAccess.actor(ctx);
    AdminJson.respond(ctx, 200, () -> AiSystemJson.describe(service.update(id, AdminJson.body(ctx), workspace,
        actor)));
  }
}
