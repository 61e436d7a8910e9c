package dev.portcullis.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.error.GatewayException;
import dev.portcullis.keys.AuditService;
import dev.portcullis.keys.Principal;
import dev.portcullis.keys.Workspace;
import dev.portcullis.observe.AuditEntry;
import dev.portcullis.store.Page;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /admin/v1/audit}: the audit entries of the caller's workspace (or {@code workspace_id}) and its
 * descendants, newest first; {@code GET /admin/v1/audit/verify}: checks the whole hash chain, which spans every
 * workspace, so only keys of the root workspace may ask.
 */
final class AuditApi {

  private final AuditService service;

  AuditApi(AuditService service) {
    this.service = service;
  }

  void mount(Router router) {
    router.get("/admin/v1/audit").handler(this::list);
    router.get("/admin/v1/audit/verify").handler(this::verify);
  }

  private void list(RoutingContext ctx) {
    AdminJson.respond(ctx, 200, () -> {
      int limit = limit(ctx.request().getParam("limit"));
      String cursor = ctx.request().getParam("cursor");
      Page<AuditEntry> page = service.list(AdminAccess.reach(ctx), AdminAccess.workspace(ctx),
          blankToNull(ctx.request().getParam("action")), blankToNull(ctx.request().getParam("object_id")),
          cursor(cursor), limit);
      ObjectNode json = AdminJson.list(page.items().stream().map(AuditApi::describe).toList());
      json.put("next_cursor", page.nextCursor());
      return json;
    });
  }

  private void verify(RoutingContext ctx) {
    Principal p = AdminAccess.principal(ctx);
    if (!p.workspaceId().equals(Workspace.ROOT)) {
      ctx.fail(GatewayException.forbidden("verifying the audit chain needs a key of the root workspace '"
          + Workspace.ROOT + "' (the chain spans every workspace)"));
      return;
    }
    AdminJson.respond(ctx, 200, () -> AdminJson.MAPPER.valueToTree(service.verify().describe()));
  }

  static ObjectNode describe(AuditEntry e) {
    ObjectNode json = AdminJson.MAPPER.createObjectNode();
    json.put("seq", e.seq());
    json.put("id", e.id());
    json.put("object", "audit_entry");
    json.put("at", e.at().toString());
    json.put("workspace_id", e.workspaceId());
    ObjectNode actor = json.putObject("actor");
    actor.put("type", e.actor().type());
    actor.put("id", e.actor().id());
    actor.put("name", e.actor().name());
    json.put("source_ip", e.actor().sourceIp());
    json.put("action", e.action());
    json.put("object_type", e.objectType());
    json.put("object_id", e.objectId());
    json.set("before", tree(e.before()));
    json.set("after", tree(e.after()));
    json.put("prev_hash", e.prevHash());
    json.put("hash", e.hash());
    return json;
  }

  private static JsonNode tree(String text) {
    try {
      return text == null ? AdminJson.MAPPER.nullNode() : AdminJson.MAPPER.readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return AdminJson.MAPPER.getNodeFactory().textNode(text);
    }
  }

  private static int limit(String text) {
    if (text == null || text.isEmpty()) {
      return 50;
    }
    try {
      int v = Integer.parseInt(text);
      if (v >= 1 && v <= 1000) {
        return v;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw GatewayException.badRequest("limit: '" + text + "' (expected: an integer 1..1000)", "limit");
  }

  private static Long cursor(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw GatewayException.badRequest("cursor: '" + text + "' (expected: the next_cursor of a previous page)",
          "cursor");
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
