package dev.portcullis.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.error.GatewayException;
import dev.portcullis.keys.TenancyViews;
import dev.portcullis.keys.VirtualKey;
import dev.portcullis.keys.VirtualKeyService;
import dev.portcullis.observe.AuditActor;
import dev.portcullis.policy.KeyLimitForms;
import dev.portcullis.policy.PolicyService;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /admin/v1/virtual-keys}: create, list, read, edit, rotate the credential (slug kept), delete. A body's
 * fields other than the key's own are the provider's credential fields ({@code api_key}, {@code resource_name},
 * {@code aws_region}, ...); secrets are never returned.
 */
final class VirtualKeysApi {

  private static final Set<String> KEY_FIELDS = Set.of("slug", "name", "provider", "base_url", "models", "workspace_id");
  private static final Set<String> PATCH_FIELDS = Set.of("name", "base_url", "models", "enabled", "budget",
      "rate_limit");

  private final VirtualKeyService service;
  private final PolicyService policies;

  VirtualKeysApi(VirtualKeyService service, PolicyService policies) {
    this.service = service;
    this.policies = policies;
  }

  void mount(Router router) {
    router.get("/admin/v1/virtual-keys").handler(this::list);
    router.post("/admin/v1/virtual-keys").handler(this::create);
    router.get("/admin/v1/virtual-keys/:slug").handler(this::read);
    router.patch("/admin/v1/virtual-keys/:slug").handler(this::update);
    router.delete("/admin/v1/virtual-keys/:slug").handler(this::delete);
    router.post("/admin/v1/virtual-keys/:slug/rotate").handler(this::rotate);
  }

  private void create(RoutingContext ctx) {
    AdminJson.respond(ctx, 201, () -> {
      ObjectNode body = AdminJson.body(ctx);
      KeyLimitForms limits = limits(body);
      String workspace = AdminJson.string(body, "workspace_id", false);
      VirtualKeyService.Draft draft = new VirtualKeyService.Draft(
          AdminJson.string(body, "slug", false),
          AdminJson.string(body, "name", false),
          AdminJson.string(body, "provider", true),
          credentials(body, KEY_FIELDS),
          AdminJson.string(body, "base_url", false),
          AdminJson.strings(body, "models"));
      VirtualKey key = service.create(AdminAccess.reach(ctx), AdminAccess.actor(ctx),
          workspace == null ? AdminAccess.workspace(ctx) : workspace, draft);
      keyLimits(key, limits, AdminAccess.actor(ctx));
      return TenancyViews.of(key);
    });
  }

  /** The key's {@code budget} and {@code rate_limit}, read (and taken out of the body) before anything is stored. */
  private static KeyLimitForms limits(ObjectNode body) {
    return KeyLimitForms.read(body.remove("budget"), body.remove("rate_limit"), "workspace");
  }

  /** Stores the virtual key's limits as rules on the requests that name it, counted together. */
  private void keyLimits(VirtualKey key, KeyLimitForms limits, AuditActor actor) {
    if (limits.given()) {
      policies.keyLimits(key.workspaceId(), "pol-vk-" + key.id(), "virtual key '" + key.slug() + "'",
          AdminJson.MAPPER.createObjectNode().put("kind", "virtual_key").put("slug", key.slug()), null, limits,
          actor);
    }
  }

  private void list(RoutingContext ctx) {
    AdminJson.respond(ctx, 200, () -> AdminJson.list(service.list(AdminAccess.reach(ctx), AdminAccess.workspace(ctx))
        .stream().map(TenancyViews::of).toList()));
  }

  private void read(RoutingContext ctx) {
    AdminJson.respond(ctx, 200, () -> TenancyViews.of(service.find(AdminAccess.reach(ctx), AdminAccess.workspace(ctx),
        ctx.pathParam("slug"))));
  }

  private void update(RoutingContext ctx) {
    AdminJson.respond(ctx, 200, () -> {
      ObjectNode body = AdminJson.body(ctx);
      AdminJson.only(body, PATCH_FIELDS);
      KeyLimitForms limits = limits(body);
      VirtualKey key = service.update(AdminAccess.reach(ctx), AdminAccess.actor(ctx), AdminAccess.workspace(ctx),
          ctx.pathParam("slug"), new VirtualKeyService.Patch(
              AdminJson.string(body, "name", false),
              body.has("base_url") ? Optional.ofNullable(AdminJson.string(body, "base_url", false)) : null,
              AdminJson.strings(body, "models"),
              AdminJson.bool(body, "enabled")));
      keyLimits(key, limits, AdminAccess.actor(ctx));
      return TenancyViews.of(key);
    });
  }

  private void rotate(RoutingContext ctx) {
    AdminJson.respond(ctx, 200, () -> TenancyViews.of(service.rotate(AdminAccess.reach(ctx), AdminAccess.actor(ctx),
        AdminAccess.workspace(ctx), ctx.pathParam("slug"), credentials(AdminJson.body(ctx), Set.of()))));
  }

  private void delete(RoutingContext ctx) {
    AdminJson.respond(ctx, 200, () -> {
      VirtualKey key = service.delete(AdminAccess.reach(ctx), AdminAccess.actor(ctx), AdminAccess.workspace(ctx),
          ctx.pathParam("slug"));
      ObjectNode json = AdminJson.MAPPER.createObjectNode();
      json.put("id", key.id());
      json.put("object", "virtual_key");
      json.put("slug", key.slug());
      json.put("deleted", true);
      return json;
    });
  }

  /** Every field but {@code keyFields}, as credential fields; a JSON object value (a service account) as its text. */
  private static Map<String, String> credentials(ObjectNode body, Set<String> keyFields) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (keyFields.contains(e.getKey()) || e.getValue().isNull()) {
        continue;
      }
      JsonNode v = e.getValue();
      if (!v.isTextual() && !v.isObject()) {
        throw GatewayException.badRequest(e.getKey() + ": a " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
            + " (expected: a string)", e.getKey());
      }
      out.put(e.getKey(), v.isTextual() ? v.asText() : v.toString());
    }
    return out;
  }
}
