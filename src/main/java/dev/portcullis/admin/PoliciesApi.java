package dev.portcullis.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.error.GatewayException;
import dev.portcullis.keys.WorkspaceService;
import dev.portcullis.observe.AuditActor;
import dev.portcullis.policy.Governance;
import dev.portcullis.policy.PolicyExplainer;
import dev.portcullis.policy.PolicyFacts;
import dev.portcullis.policy.PolicyRule;
import dev.portcullis.policy.PolicyRuleParser;
import dev.portcullis.policy.PolicyService;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * {@code /admin/v1/policies}: policy rules with versions, and what they would decide about a request
 * ({@code /explain}). What alert rules raise is listed by {@link AlertsApi}.
 */
public final class PoliciesApi {

  private static final Set<String> EXPLAIN_FIELDS = Set.of("model", "provider", "metadata", "user", "path",
      "api_key_id", "virtual_key");

  private final PolicyService service;
  private final PolicyExplainer explainer;
  private final WorkspaceService workspaces;
  private final Clock clock;

  public PoliciesApi(PolicyService service, Governance governance, WorkspaceService workspaces, Clock clock) {
    this.service = service;
    this.explainer = new PolicyExplainer(governance);
    this.workspaces = workspaces;
    this.clock = clock;
  }

  void mount(Router router) {
    router.post("/admin/v1/policies/explain").handler(this::explain);
    router.post("/admin/v1/policies").handler(this::create);
    router.get("/admin/v1/policies").handler(this::list);
    router.get("/admin/v1/policies/:id").handler(this::get);
    router.get("/admin/v1/policies/:id/versions").handler(this::versions);
    router.patch("/admin/v1/policies/:id").handler(this::update);
    router.delete("/admin/v1/policies/:id").handler(this::delete);
  }

  private void create(RoutingContext ctx) {
    AuditActor actor = AdminAccess.actor(ctx);
    AdminJson.respond(ctx, 201, () -> {
      ObjectNode body = AdminJson.body(ctx);
      return describe(service.create(body, workspace(ctx, body), actor));
    });
  }

  private void update(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    AuditActor actor = AdminAccess.actor(ctx);
    AdminJson.respond(ctx, 200, () -> {
      ObjectNode body = AdminJson.body(ctx);
      return describe(service.update(id, body, workspace(ctx, body), actor));
    });
  }

  private void list(RoutingContext ctx) {
    String workspace = AdminAccess.workspace(ctx);
    AdminJson.respond(ctx, 200, () -> AdminJson.list(service.list(workspace).stream().map(PoliciesApi::describe)
        .toList()));
  }

  private void get(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    String versionText = ctx.request().getParam("version");
    String workspace = AdminAccess.workspace(ctx);
    AdminJson.respond(ctx, 200, () -> {
      Integer version = versionText == null ? null : AdminJson.version(versionText);
      return describe(service.find(id, version, workspace).orElseThrow(() -> GatewayException.notFound(
          "policy rule '" + id + "'" + (version == null ? "" : " version " + version) + " does not exist")));
    });
  }

  private void versions(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    String workspace = AdminAccess.workspace(ctx);
    AdminJson.respond(ctx, 200, () -> AdminJson.list(service.versions(id, workspace).stream()
        .map(PoliciesApi::describe).toList()));
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

  /** What the rules in force would decide about the request described, and what its limits have left. */
  private void explain(RoutingContext ctx) {
    String workspace = AdminAccess.workspace(ctx);
    Instant now = clock.instant();
    PolicyFacts facts;
    try {
      facts = facts(AdminJson.body(ctx), workspace, now);
    } catch (GatewayException e) {
      ctx.fail(e);
      return;
    }
    explainer.explain(facts).onSuccess(out -> AdminJson.send(ctx, 200, out)).onFailure(ctx::fail);
  }

  /** The request {@code body} describes, as the rules would see it. */
  private static PolicyFacts facts(ObjectNode body, String workspace, Instant now) {
    AdminJson.only(body, EXPLAIN_FIELDS);
    Map<String, String> metadata = AdminJson.stringMap(body, "metadata");
    String user = AdminJson.string(body, "user", false);
    String path = AdminJson.string(body, "path", false);
    return new PolicyFacts(metadata == null ? Map.of() : metadata,
        user != null ? user : metadata == null ? null : metadata.get("_user"),
        AdminJson.string(body, "api_key_id", false), workspace, AdminJson.string(body, "model", false),
        AdminJson.string(body, "provider", false), AdminJson.string(body, "virtual_key", false),
        path == null ? "/v1/chat/completions" : path, now, () -> null);
  }

  /** The workspace a write is about (see {@link AdminAccess#workspaceOfWrite}); its field leaves the body. */
  private String workspace(RoutingContext ctx, ObjectNode body) {
    String asked = AdminJson.string(body, "workspace_id", false);
    body.remove("workspace_id");
    return AdminAccess.workspaceOfWrite(ctx, asked, workspaces);
  }

  static ObjectNode describe(PolicyRule r) {
    ObjectNode json = AdminJson.MAPPER.createObjectNode();
    json.put("id", r.id());
    json.put("object", "policy");
    json.put("workspace_id", r.workspaceId());
    json.put("version", r.version());
    json.put("created_at", r.createdAt().toString());
    json.setAll(PolicyRuleParser.toJson(r));
    return json;
  }
}
