package dev.portcullis.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.error.GatewayException;
import dev.portcullis.keys.WorkspaceService;
import dev.portcullis.observe.AuditActor;
import dev.portcullis.prompt.Prompt;
import dev.portcullis.prompt.PromptDefinition;
import dev.portcullis.prompt.PromptLabel;
import dev.portcullis.prompt.PromptService;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code /admin/v1/prompts}: the prompt library. Every change is a new immutable version; labels point at a version
 * or split traffic across versions by weight. A prompt is named by its id or its slug in every route.
 */
public final class PromptsApi {

  private static final Set<String> CREATE_FIELDS = fields("slug", "name", "workspace_id");
  private static final Set<String> UPDATE_FIELDS = fields("name", "workspace_id");
  private static final Set<String> LABEL_FIELDS = Set.of("version", "versions");

  private final PromptService service;
  private final WorkspaceService workspaces;

  public PromptsApi(PromptService service, WorkspaceService workspaces) {
    this.service = service;
    this.workspaces = workspaces;
  }

  public void mount(Router router) {
    router.post("/admin/v1/prompts").handler(this::create);
    router.get("/admin/v1/prompts").handler(this::list);
    router.get("/admin/v1/prompts/:id").handler(this::get);
    router.patch("/admin/v1/prompts/:id").handler(this::update);
    router.delete("/admin/v1/prompts/:id").handler(this::delete);
    router.get("/admin/v1/prompts/:id/versions").handler(this::versions);
    router.put("/admin/v1/prompts/:id/labels/:label").handler(this::label);
  }

  private void create(RoutingContext ctx) {
    AuditActor actor = AdminAccess.actor(ctx);
    ctx.vertx().executeBlocking(() -> {
      ObjectNode body = AdminJson.body(ctx);
      AdminJson.only(body, CREATE_FIELDS);
      Prompt p = service.create(workspace(ctx, body), AdminJson.string(body, "slug", true),
          AdminJson.string(body, "name", false), PromptDefinition.parse(body), actor);
      return describe(p, List.of());
    }, false).onSuccess(json -> AdminJson.send(ctx, 201, json)).onFailure(ctx::fail);
  }

  private void update(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    AuditActor actor = AdminAccess.actor(ctx);
    ctx.vertx().executeBlocking(() -> {
      ObjectNode body = AdminJson.body(ctx);
      AdminJson.only(body, UPDATE_FIELDS);
      String workspace = workspace(ctx, body);
      ObjectNode changes = body.deepCopy();
      changes.remove(List.of("name", "workspace_id"));
      Prompt p = service.update(id, workspace, AdminJson.string(body, "name", false), changes, actor);
      return describe(p, service.labels(p.id(), workspace));
    }, false).onSuccess(json -> AdminJson.send(ctx, 200, json)).onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    String workspace = AdminAccess.workspace(ctx);
    AdminJson.respond(ctx, 200, () -> AdminJson.list(service.list(workspace).stream()
        .map(p -> describe(p, service.labels(p.id(), workspace))).toList()));
  }

  private void get(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    String versionText = ctx.request().getParam("version");
    String workspace = AdminAccess.workspace(ctx);
    AdminJson.respond(ctx, 200, () -> {
      Integer version = versionText == null ? null : AdminJson.version(versionText);
      Prompt p = service.find(id, version, workspace).orElseThrow(() -> GatewayException.notFound(
          "prompt '" + id + "'" + (version == null ? "" : " version " + version) + " does not exist"));
      return describe(p, service.labels(p.id(), workspace));
    });
  }

  private void versions(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    String workspace = AdminAccess.workspace(ctx);
    AdminJson.respond(ctx, 200, () -> AdminJson.list(service.versions(id, workspace).stream()
        .map(p -> describe(p, List.of())).toList()));
  }

  private void delete(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    String workspace = AdminAccess.workspace(ctx);
    AuditActor actor = AdminAccess.actor(ctx);
    AdminJson.respond(ctx, 200, () -> {
      service.delete(id, workspace, actor);
      return AdminJson.MAPPER.createObjectNode().put("id", id).put("deleted", true);
    });
  }

  private void label(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    String label = ctx.pathParam("label");
    String workspace = AdminAccess.workspace(ctx);
    AuditActor actor = AdminAccess.actor(ctx);
    AdminJson.respond(ctx, 200, () -> {
      ObjectNode body = AdminJson.body(ctx);
      AdminJson.only(body, LABEL_FIELDS);
      return describe(service.label(id, workspace, label, weightedVersions(body), actor));
    });
  }

  /** {@code {"version": 3}} or {@code {"versions": [{"version": 3, "weight": 90}, ...]}}. */
  private static List<PromptLabel.WeightedVersion> weightedVersions(ObjectNode body) {
    if (body.has("version") == body.has("versions")) {
      throw GatewayException.badRequest("label: " + body + " (expected: {\"version\": 3} or {\"versions\": "
          + "[{\"version\": 3, \"weight\": 90}, {\"version\": 4, \"weight\": 10}]})", "version");
    }
    if (body.has("version")) {
      return List.of(new PromptLabel.WeightedVersion(AdminJson.integer(body, "version", 1, Integer.MAX_VALUE)
          .intValue(), 1));
    }
    JsonNode versions = body.get("versions");
    if (!versions.isArray() || versions.isEmpty()) {
      throw GatewayException.badRequest("versions: " + versions + " (expected: a non-empty array of {\"version\", "
          + "\"weight\"})", "versions");
    }
    List<PromptLabel.WeightedVersion> out = new ArrayList<>();
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < versions.size(); i++) {
      JsonNode v = versions.get(i);
      if (!(v instanceof ObjectNode entry)) {
        throw GatewayException.badRequest("versions[" + i + "]: " + v + " (expected: {\"version\", \"weight\"})",
            "versions");
      }
      AdminJson.only(entry, Set.of("version", "weight"));
      Long version = AdminJson.integer(entry, "version", 1, Integer.MAX_VALUE);
      Long weight = AdminJson.integer(entry, "weight", 0, 1_000_000);
      if (version == null || weight == null) {
        throw GatewayException.badRequest("versions[" + i + "]: " + v + " (expected: both a version and a weight)",
            "versions");
      }
      if (!seen.add(version.intValue())) {
        throw GatewayException.badRequest("versions[" + i + "]: version " + version + " is listed twice (expected: "
            + "each version once)", "versions");
      }
      out.add(new PromptLabel.WeightedVersion(version.intValue(), weight.intValue()));
    }
    return out;
  }

  /** The workspace a write is about (see {@link AdminAccess#workspaceOfWrite}). Blocking. */
  private String workspace(RoutingContext ctx, ObjectNode body) {
    return AdminAccess.workspaceOfWrite(ctx, AdminJson.string(body, "workspace_id", false), workspaces);
  }

  private static Set<String> fields(String... own) {
    Set<String> all = new HashSet<>(PromptDefinition.FIELDS);
    all.addAll(List.of(own));
    return Set.copyOf(all);
  }

  static ObjectNode describe(Prompt p, List<PromptLabel> labels) {
    ObjectNode json = AdminJson.MAPPER.createObjectNode();
    json.put("id", p.id());
    json.put("object", "prompt");
    json.put("slug", p.slug());
    json.put("name", p.name());
    json.put("workspace_id", p.workspaceId());
    json.put("version", p.version());
    json.setAll(p.definition().toJson());
    ObjectNode byName = json.putObject("labels");
    labels.forEach(l -> byName.set(l.label(), versions(l)));
    json.put("created_at", p.createdAt().toString());
    return json;
  }

  private static ObjectNode describe(PromptLabel label) {
    ObjectNode json = AdminJson.MAPPER.createObjectNode();
    json.put("object", "prompt_label");
    json.put("prompt_id", label.promptId());
    json.put("label", label.label());
    json.set("versions", versions(label).get("versions"));
    json.put("updated_at", label.updatedAt().toString());
    return json;
  }

  private static ObjectNode versions(PromptLabel label) {
    ObjectNode json = AdminJson.MAPPER.createObjectNode();
    ArrayNode versions = json.putArray("versions");
    label.versions().forEach(v -> versions.addObject().put("version", v.version()).put("weight", v.weight()));
    return json;
  }
}
