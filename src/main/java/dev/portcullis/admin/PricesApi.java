package dev.portcullis.admin;

import dev.portcullis.observe.AuditActor;
import dev.portcullis.policy.PriceService;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code /admin/v1/prices}: the prices a workspace pays (the catalog's, with overrides of the workspace and its
 * ancestors over them), and its own overrides. A model id holding slashes ({@code openai/gpt-4o} at OpenRouter) is
 * written URL-encoded in the path ({@code openai%2Fgpt-4o}).
 */
public final class PricesApi {

  private static final String ONE = "/admin/v1/prices/:provider/:model";

  private final PriceService service;

  public PricesApi(PriceService service) {
    this.service = service;
  }

  void mount(Router router) {
    router.get("/admin/v1/prices").handler(this::list);
    router.put(ONE).handler(this::put);
    router.delete(ONE).handler(this::delete);
  }

  private void list(RoutingContext ctx) {
    String workspace = AdminAccess.workspace(ctx);
    AdminJson.respond(ctx, 200, () -> AdminJson.list(service.prices(workspace)));
  }

  private void put(RoutingContext ctx) {
    String workspace = AdminAccess.workspace(ctx);
    AuditActor actor = AdminAccess.actor(ctx);
    AdminJson.respond(ctx, 200, () -> service.put(workspace, ctx.pathParam("provider"), ctx.pathParam("model"),
        AdminJson.body(ctx), actor));
  }

  private void delete(RoutingContext ctx) {
    String workspace = AdminAccess.workspace(ctx);
    AuditActor actor = AdminAccess.actor(ctx);
    String provider = ctx.pathParam("provider");
    String model = ctx.pathParam("model");
    AdminJson.respond(ctx, 200, () -> {
      service.delete(workspace, provider, model, actor);
      return AdminJson.MAPPER.createObjectNode().put("provider", provider).put("model", model).put("deleted", true);
    });
  }
}
