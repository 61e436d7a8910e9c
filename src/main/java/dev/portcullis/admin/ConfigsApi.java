package dev.portcullis.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.error.GatewayException;
import dev.portcullis.keys.WorkspaceService;
import dev.portcullis.observe.AuditActor;
import dev.portcullis.routing.config.RoutingConfigParser;
import dev.portcullis.routing.saved.SavedConfig;
import dev.portcullis.routing.saved.SavedConfigService;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * {@code /admin/v1/configs}: saved routing configs with versions. Each write is validated by the request path's
 * parser; the id is what callers put in {@code x-portkey-config}.
 */
public final class ConfigsApi {

  private static final Set<String> FIELDS = Set.of("name", "config", "workspace_id");

  private final SavedConfigService service;
  private final WorkspaceService workspaces;

  public ConfigsApi(SavedConfigService service, WorkspaceService workspaces) {
    this.service = service;
    this.workspaces = workspaces;
  }

  public void mount(Router router) {
    router.post("/admin/v1/configs/validate").handler(this::validate);
    router.post("/admin/v1/configs").handler(this::create);
    router.get("/admin/v1/configs").handler(this::list);
    router.get("/admin/v1/configs/:id").handler(this::get);
    router.get("/admin/v1/configs/:id/versions").handler(this::versions);
    router.put("/admin/v1/configs/:id").handler(this::update);
    router.delete("/admin/v1/configs/:id").handler(this::delete);
  }

  private void create(RoutingContext ctx) {
    AuditActor actor = AdminAccess.actor(ctx);
    ctx.vertx().executeBlocking(() -> {
      ObjectNode body = AdminJson.body(ctx);
      AdminJson.only(body, FIELDS);
      return service.create(AdminJson.string(body, "name", false), configText(body), workspace(ctx, body), actor);
    }, false).onSuccess(c -> AdminJson.send(ctx, 201, describe(c))).onFailure(ctx::fail);
  }

  /**
   * Checks a config with the request path's parser and saves nothing: {@code valid}, or the first error and its JSON
   * path. An invalid config is an answer here, not a failed call; a body that is not {@code {"config": {...}}} is.
   */
  private void validate(RoutingContext ctx) {
    ObjectNode answer = AdminJson.MAPPER.createObjectNode();
    try {
      ObjectNode body = AdminJson.body(ctx);
      AdminJson.only(body, Set.of("config"));
      String text = configText(body);
      try {
        RoutingConfigParser.parse(text);
        answer.put("valid", true);
      } catch (GatewayException e) {
        answer.put("valid", false);
        answer.put("error", e.getMessage());
        answer.put("path", e.param());
      }
    } catch (GatewayException e) {
      ctx.fail(e);
      return;
    }
    AdminJson.send(ctx, 200, answer);
  }

  private void update(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    AuditActor actor = AdminAccess.actor(ctx);
    ctx.vertx().executeBlocking(() -> {
      ObjectNode body = AdminJson.body(ctx);
      AdminJson.only(body, FIELDS);
      return service.update(id, AdminJson.string(body, "name", false), configText(body), workspace(ctx, body),
          actor);
    }, false).onSuccess(c -> AdminJson.send(ctx, 200, describe(c))).onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    String workspace = AdminAccess.workspace(ctx);
    ctx.vertx().executeBlocking(() -> service.list(workspace), false)
        .onSuccess(all -> AdminJson.send(ctx, 200, AdminJson.list(all.stream().map(ConfigsApi::describe).toList())))
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    String versionText = ctx.request().getParam("version");
    String workspace = AdminAccess.workspace(ctx);
    ctx.vertx().executeBlocking(() -> {
      Integer version = versionText == null ? null : AdminJson.version(versionText);
      return service.find(id, version, workspace).orElseThrow(() -> GatewayException.notFound(
          "config '" + id + "'" + (version == null ? "" : " version " + version) + " does not exist"));
    }, false).onSuccess(c -> AdminJson.send(ctx, 200, describe(c))).onFailure(ctx::fail);
  }

  private void versions(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    String workspace = AdminAccess.workspace(ctx);
    ctx.vertx().executeBlocking(() -> service.versions(id, workspace), false)
        .onSuccess(all -> AdminJson.send(ctx, 200, AdminJson.list(all.stream().map(ConfigsApi::describe).toList())))
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

  /** The workspace a write is about (see {@link AdminAccess#workspaceOfWrite}). Blocking. */
  private String workspace(RoutingContext ctx, ObjectNode body) {
    return AdminAccess.workspaceOfWrite(ctx, AdminJson.string(body, "workspace_id", false), workspaces);
  }

  private static String configText(ObjectNode body) {
    JsonNode config = body.get("config");
    if (config == null || !config.isObject()) {
      throw GatewayException.badRequest("config: " + (config == null ? "missing" : config.toString())
          + " (expected: a routing config object, see docs/routing.md)", "config");
    }
    try {
      return AdminJson.MAPPER.writeValueAsString(config);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static ObjectNode describe(SavedConfig c) {
    ObjectNode json = AdminJson.MAPPER.createObjectNode();
    json.put("id", c.id());
    json.put("object", "config");
    json.put("name", c.name());
    json.put("workspace_id", c.workspaceId());
    json.put("version", c.version());
    json.put("created_at", c.createdAt().toString());
    try {
      json.set("config", AdminJson.MAPPER.readTree(c.body()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored config '" + c.id() + "' is not JSON", e);
    }
    return json;
  }
}
