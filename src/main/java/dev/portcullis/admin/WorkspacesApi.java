package dev.portcullis.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.condition.JsonValueText;
import dev.portcullis.error.GatewayException;
import dev.portcullis.keys.TenancyViews;
import dev.portcullis.keys.Workspace;
import dev.portcullis.keys.WorkspaceLimits;
import dev.portcullis.keys.WorkspaceService;
import dev.portcullis.policy.PolicyService;
import dev.portcullis.policy.RuleAction;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * {@code /admin/v1/workspaces}: the sub-account API. List a workspace (the caller's unless {@code workspace_id}
 * names another in reach) and its descendants; create a child
 * (with limits); read; edit (limits and enabled only on descendants); delete a descendant.
 */
final class WorkspacesApi {

  private static final Set<String> CREATE_FIELDS = Set.of("name", "parent_id", "limits", "metadata");
  private static final Set<String> PATCH_FIELDS = Set.of("name", "enabled", "limits", "metadata", "policy_default",
      "log_retention_days");
  private static final Set<String> LIMIT_FIELDS = Set.of("max_api_keys", "max_virtual_keys", "max_workspaces");

  /** A hundred years. */
  private static final int MAX_RETENTION_DAYS = 36_500;

  private final WorkspaceService service;
  private final PolicyService policies;

  WorkspacesApi(WorkspaceService service, PolicyService policies) {
    this.service = service;
    this.policies = policies;
  }

  void mount(Router router) {
    router.get("/admin/v1/workspaces").handler(this::list);
    router.post("/admin/v1/workspaces").handler(this::create);
    router.get("/admin/v1/workspaces/:id").handler(this::read);
    router.patch("/admin/v1/workspaces/:id").handler(this::update);
    router.delete("/admin/v1/workspaces/:id").handler(this::delete);
  }

  private void create(RoutingContext ctx) {
    AdminJson.respond(ctx, 201, () -> {
      ObjectNode body = AdminJson.body(ctx);
      AdminJson.only(body, CREATE_FIELDS);
      String parent = AdminJson.string(body, "parent_id", false);
      return TenancyViews.of(service.create(AdminAccess.reach(ctx), AdminAccess.actor(ctx),
          new WorkspaceService.Draft(parent == null ? AdminAccess.workspace(ctx) : parent,
              AdminJson.string(body, "name", true), limits(body.get("limits")), AdminJson.stringMap(body, "metadata"))));
    });
  }

  private void list(RoutingContext ctx) {
    AdminJson.respond(ctx, 200, () -> AdminJson.list(service.list(AdminAccess.reach(ctx), AdminAccess.workspace(ctx)).stream()
        .map(TenancyViews::of).toList()));
  }

  private void read(RoutingContext ctx) {
    AdminJson.respond(ctx, 200, () -> view(service.find(AdminAccess.reach(ctx), ctx.pathParam("id"))));
  }

  /** The workspace with the {@code policy_default} in force for it (its own or inherited). */
  private ObjectNode view(Workspace w) {
    return TenancyViews.of(w).put("policy_default", policies.policyDefault(w.id()).wireName());
  }

  private void update(RoutingContext ctx) {
    AdminJson.respond(ctx, 200, () -> {
      ObjectNode body = AdminJson.body(ctx);
      AdminJson.only(body, PATCH_FIELDS);
      RuleAction policyDefault = policyDefault(body.remove("policy_default"));
      Workspace w = body.isEmpty() ? service.find(AdminAccess.reach(ctx), ctx.pathParam("id"))
          : service.update(AdminAccess.reach(ctx), AdminAccess.actor(ctx), ctx.pathParam("id"),
              new WorkspaceService.Patch(AdminJson.string(body, "name", false), AdminJson.bool(body, "enabled"),
                  limits(body.get("limits")), AdminJson.stringMap(body, "metadata"), retentionDays(body)));
      if (policyDefault != null) {
        policies.setDefault(w.id(), policyDefault, AdminAccess.actor(ctx));
      }
      return view(w);
    });
  }

  private static RuleAction policyDefault(JsonNode v) {
    if (v == null || v.isNull()) {
      return null;
    }
    return switch (v.asText()) {
      case "allow" -> RuleAction.ALLOW;
      case "deny" -> RuleAction.DENY;
      default -> throw GatewayException.badRequest("policy_default: " + JsonValueText.describe(v)
          + " (expected: allow or deny)",
          "policy_default");
    };
  }

  private static Integer retentionDays(ObjectNode body) {
    Long days = AdminJson.integer(body, "log_retention_days", 1, MAX_RETENTION_DAYS);
    return days == null ? null : days.intValue();
  }

  private void delete(RoutingContext ctx) {
    AdminJson.respond(ctx, 200, () ->
        TenancyViews.of(service.delete(AdminAccess.reach(ctx), AdminAccess.actor(ctx), ctx.pathParam("id"))));
  }

  private static WorkspaceLimits limits(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!(node instanceof ObjectNode limits)) {
      throw GatewayException.badRequest("limits: " + node + " (expected: an object of max_api_keys, "
          + "max_virtual_keys, max_workspaces)", "limits");
    }
    AdminJson.only(limits, LIMIT_FIELDS);
    return new WorkspaceLimits(count(limits, "max_api_keys"), count(limits, "max_virtual_keys"),
        count(limits, "max_workspaces"));
  }

  private static Integer count(ObjectNode limits, String field) {
    Long v = AdminJson.integer(limits, field, 0, 1_000_000);
    return v == null ? null : v.intValue();
  }
}
