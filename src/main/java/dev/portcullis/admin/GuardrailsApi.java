package dev.portcullis.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.error.GatewayException;
import dev.portcullis.guard.saved.SavedGuardrail;
import dev.portcullis.guard.saved.SavedGuardrailService;
import dev.portcullis.keys.WorkspaceService;
import dev.portcullis.observe.AuditActor;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * {@code /admin/v1/guardrails}: saved guardrails ({@code {name, workspace_id, checks, deny}}) with versions, each
 * write validated by the request path's parser; configs name them by id in {@code input_guardrails} and
 * {@code output_guardrails}.
 */
public final class GuardrailsApi {

  private static final Set<String> FIELDS = Set.of("name", "workspace_id", "checks", "deny");

  private final SavedGuardrailService service;
  private final WorkspaceService workspaces;

  public GuardrailsApi(SavedGuardrailService service, WorkspaceService workspaces) {
    this.service = service;
    this.workspaces = workspaces;
  }

  public void mount(Router router) {
    router.post("/admin/v1/guardrails").handler(this::create);
    router.get("/admin/v1/guardrails").handler(this::list);
    router.get("/admin/v1/guardrails/:id").handler(this::get);
    router.get("/admin/v1/guardrails/:id/versions").handler(this::versions);
    router.put("/admin/v1/guardrails/:id").handler(this::update);
    router.delete("/admin/v1/guardrails/:id").handler(this::delete);
  }

  private void create(RoutingContext ctx) {
    AuditActor actor = AdminAccess.actor(ctx);
    ctx.vertx().executeBlocking(() -> {
      ObjectNode body = AdminJson.body(ctx);
      AdminJson.only(body, FIELDS);
      return service.create(AdminJson.string(body, "name", false), body, workspace(ctx, body), actor);
    }, false).onSuccess(g -> AdminJson.send(ctx, 201, describe(g))).onFailure(ctx::fail);
  }

  private void update(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    AuditActor actor = AdminAccess.actor(ctx);
    ctx.vertx().executeBlocking(() -> {
      ObjectNode body = AdminJson.body(ctx);
      AdminJson.only(body, FIELDS);
      return service.update(id, AdminJson.string(body, "name", false), body, workspace(ctx, body), actor);
    }, false).onSuccess(g -> AdminJson.send(ctx, 200, describe(g))).onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    String workspace = AdminAccess.workspace(ctx);
    ctx.vertx().executeBlocking(() -> service.list(workspace), false)
        .onSuccess(all -> AdminJson.send(ctx, 200, AdminJson.list(all.stream().map(GuardrailsApi::describe)
            .toList())))
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    String versionText = ctx.request().getParam("version");
    String workspace = AdminAccess.workspace(ctx);
    ctx.vertx().executeBlocking(() -> {
      Integer version = versionText == null ? null : version(versionText);
      return service.find(id, version, workspace).orElseThrow(() -> GatewayException.notFound(
          "guardrail '" + id + "'" + (version == null ? "" : " version " + version) + " does not exist"));
    }, false).onSuccess(g -> AdminJson.send(ctx, 200, describe(g))).onFailure(ctx::fail);
  }

  private void versions(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    String workspace = AdminAccess.workspace(ctx);
    ctx.vertx().executeBlocking(() -> service.versions(id, workspace), false)
        .onSuccess(all -> AdminJson.send(ctx, 200, AdminJson.list(all.stream().map(GuardrailsApi::describe)
            .toList())))
        .onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    String workspace = AdminAccess.workspace(ctx);
    AuditActor actor = AdminAccess.actor(ctx);
    ctx.vertx().executeBlocking(() -> {
      service.delete(id, workspace, actor);
      return id;
    }, false).onSuccess(gone -> {
      ObjectNode json = AdminJson.MAPPER.createObjectNode();
      json.put("id", gone);
      json.put("deleted", true);
      AdminJson.send(ctx, 200, json);
    }).onFailure(ctx::fail);
  }

  /** The workspace a write is about, as for configs: the body's when in the caller's reach, else the query's. */
  private String workspace(RoutingContext ctx, ObjectNode body) {
    String asked = AdminJson.string(body, "workspace_id", false);
    String fromQuery = AdminAccess.workspace(ctx);
    if (asked == null || asked.equals(fromQuery)) {
      return fromQuery;
    }
    if (ctx.request().getParam("workspace_id") != null) {
      throw GatewayException.badRequest("workspace_id: '" + asked + "' in the body, '" + fromQuery
          + "' in the query (expected: one workspace, or the same in both)", "workspace_id");
    }
    return workspaces.find(AdminAccess.reach(ctx), asked).id();
  }

  private static int version(String text) {
    try {
      int v = Integer.parseInt(text);
      if (v >= 1) {
        return v;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw GatewayException.badRequest("version: '" + text + "' (expected: a version number >= 1)", "version");
  }

  static ObjectNode describe(SavedGuardrail g) {
    ObjectNode json = AdminJson.MAPPER.createObjectNode();
    json.put("id", g.id());
    json.put("object", "guardrail");
    json.put("name", g.name());
    json.put("workspace_id", g.workspaceId());
    json.put("version", g.version());
    json.put("created_at", g.createdAt().toString());
    try {
      ObjectNode body = (ObjectNode) AdminJson.MAPPER.readTree(g.body());
      json.set("checks", body.get("checks"));
      json.set("deny", body.get("deny"));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored guardrail '" + g.id() + "' is not JSON", e);
    }
    return json;
  }
}
