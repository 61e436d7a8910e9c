package dev.portcullis.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.cache.CacheSettings;
import dev.portcullis.error.GatewayException;
import dev.portcullis.keys.ApiKeyService;
import dev.portcullis.keys.Scope;
import dev.portcullis.keys.TenancyViews;
import dev.portcullis.routing.config.RoutingConfigParser;
import dev.portcullis.keys.ApiKey;
import dev.portcullis.observe.AuditActor;
import dev.portcullis.policy.KeyLimitForms;
import dev.portcullis.policy.PolicyService;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /admin/v1/api-keys}: create (the secret is in this answer only), list, read, edit, rotate with a grace
 * period (the new secret is in that answer only), revoke.
 */
final class KeysApi {

  private static final Set<String> CREATE_FIELDS =
      Set.of("name", "role", "scopes", "user_id", "expires_at", "default_config", "cache", "metadata",
          "workspace_id", "budget", "rate_limit");
  private static final Set<String> PATCH_FIELDS = Set.of("name", "expires_at", "default_config", "cache", "metadata",
      "budget", "rate_limit");

  private final ApiKeyService service;
  private final PolicyService policies;

  KeysApi(ApiKeyService service, PolicyService policies) {
    this.service = service;
    this.policies = policies;
  }

  void mount(Router router) {
    router.get("/admin/v1/api-keys").handler(this::list);
    router.post("/admin/v1/api-keys").handler(this::create);
    router.get("/admin/v1/api-keys/:id").handler(this::read);
    router.patch("/admin/v1/api-keys/:id").handler(this::update);
    router.delete("/admin/v1/api-keys/:id").handler(this::revoke);
    router.post("/admin/v1/api-keys/:id/rotate").handler(this::rotate);
  }

  private void create(RoutingContext ctx) {
    AdminJson.respond(ctx, 201, () -> {
      ObjectNode body = AdminJson.body(ctx);
      AdminJson.only(body, CREATE_FIELDS);
      KeyLimitForms limits = limits(body);
      String workspace = AdminJson.string(body, "workspace_id", false);
      ApiKeyService.CreatedKey created = service.create(AdminAccess.reach(ctx), AdminAccess.actor(ctx),
          new ApiKeyService.Draft(
              workspace == null ? AdminAccess.workspace(ctx) : workspace,
              AdminJson.string(body, "name", true),
              AdminJson.role(body),
              body.has("scopes") ? Scope.parseAll(AdminJson.strings(body, "scopes"), "scopes") : null,
              AdminJson.string(body, "user_id", false),
              AdminJson.instant(body, "expires_at"),
              configText(body.get("default_config")),
              cacheText(body.get("cache")),
              AdminJson.stringMap(body, "metadata")));
      keyLimits(created.key(), limits, AdminAccess.actor(ctx));
      return withSecret(created);
    });
  }

  /** The key's {@code budget} and {@code rate_limit}, read (and taken out of the body) before anything is stored. */
  private static KeyLimitForms limits(ObjectNode body) {
    return KeyLimitForms.read(body.remove("budget"), body.remove("rate_limit"), "key");
  }

  /** Stores the key's limits as rules on its requests, named after it. */
  private void keyLimits(ApiKey key, KeyLimitForms limits, AuditActor actor) {
    if (limits.given()) {
      policies.keyLimits(key.workspaceId(), "pol-key-" + key.id(), "key '" + key.name() + "'",
          AdminJson.MAPPER.createObjectNode().put("kind", "any"),
          AdminJson.MAPPER.createObjectNode().put("api_key", key.id()), limits, actor);
    }
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
      KeyLimitForms limits = limits(body);
      Optional<String> config = body.has("default_config")
          ? Optional.ofNullable(configText(body.get("default_config"))) : null;
      ApiKey key = service.update(AdminAccess.reach(ctx), AdminAccess.actor(ctx), ctx.pathParam("id"),
          new ApiKeyService.Patch(
              AdminJson.string(body, "name", false),
              AdminJson.stringMap(body, "metadata"),
              config,
              body.has("cache") ? Optional.ofNullable(cacheText(body.get("cache"))) : null,
              body.has("expires_at") ? Optional.ofNullable(AdminJson.instant(body, "expires_at")) : null));
      keyLimits(key, limits, AdminAccess.actor(ctx));
      return TenancyViews.of(key);
    });
  }

  private void rotate(RoutingContext ctx) {
    AdminJson.respond(ctx, 200, () -> {
      Long seconds = null;
      if (ctx.body().length() > 0) {
        ObjectNode body = AdminJson.body(ctx);
        AdminJson.only(body, Set.of("grace_period_seconds"));
        seconds = AdminJson.integer(body, "grace_period_seconds", 0, Long.MAX_VALUE);
      }
      return withSecret(service.rotate(AdminAccess.reach(ctx), AdminAccess.actor(ctx), ctx.pathParam("id"),
          seconds == null ? null : Duration.ofSeconds(seconds)));
    });
  }

  private void revoke(RoutingContext ctx) {
    AdminJson.respond(ctx, 200, () ->
        TenancyViews.of(service.revoke(AdminAccess.reach(ctx), AdminAccess.actor(ctx), ctx.pathParam("id"))));
  }

  private static ObjectNode withSecret(ApiKeyService.CreatedKey created) {
    ObjectNode json = TenancyViews.of(created.key());
    json.put("key", created.secret());
    return json;
  }

  /** The cache setting as stored: checked now, so a bad one is refused here rather than on every call. */
  private static String cacheText(JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    CacheSettings.parse(value, "api key");
    return value.toString();
  }

  /**
   * The default config as stored: a config object (checked now by the request path's parser, so a bad one is
   * refused here rather than on every call) or a string naming a saved config.
   */
  private static String configText(JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isObject()) {
      RoutingConfigParser.parse(value);
    } else if (!value.isTextual()) {
      throw GatewayException.badRequest("default_config: " + value + " (expected: a routing config object, or the id "
          + "of a saved config)", "default_config");
    }
    return value.toString();
  }
}
