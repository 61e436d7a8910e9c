package dev.portcullis.admin;

import dev.portcullis.alert.AnomalySettingsService;
import dev.portcullis.keys.WorkspaceService;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code /admin/v1/workspaces/{id}/anomaly-settings}: the thresholds of a workspace's anomaly detectors (its keys
 * use them too). {@code PUT} changes the fields it names.
 */
public final class AnomalySettingsApi {

  private final AnomalySettingsService settings;
  private final WorkspaceService workspaces;

  public AnomalySettingsApi(AnomalySettingsService settings, WorkspaceService workspaces) {
    this.settings = settings;
    this.workspaces = workspaces;
  }

  void mount(Router router) {
    router.get("/admin/v1/workspaces/:id/anomaly-settings").handler(this::read);
    router.put("/admin/v1/workspaces/:id/anomaly-settings").handler(this::update);
  }

  private void read(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    AdminJson.respond(ctx, 200, () -> settings.find(workspaces.find(AdminAccess.reach(ctx), id).id()).toJson()
        .put("workspace_id", id));
  }

  private void update(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    var actor = AdminAccess.actor(ctx);
    AdminJson.respond(ctx, 200, () -> {
      String workspace = workspaces.find(AdminAccess.reach(ctx), id).id();
      return settings.update(workspace, AdminJson.body(ctx), actor).toJson().put("workspace_id", workspace);
    });
  }
}
