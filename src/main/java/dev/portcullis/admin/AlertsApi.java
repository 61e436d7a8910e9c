package dev.portcullis.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.alert.Alert;
import dev.portcullis.alert.AlertKind;
import dev.portcullis.alert.AlertService;
import dev.portcullis.error.GatewayException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Function;

/**
 * {@code /admin/v1/alerts}: alerts of the workspace and those below it, newest first ({@code ?kind=},
 * {@code ?open=true}, {@code ?limit=}), and {@code POST /admin/v1/alerts/{id}/ack} to acknowledge one.
 */
public final class AlertsApi {

  private static final int DEFAULT_LIMIT = 200;
  private static final int MAX_LIMIT = 1000;

  private final AlertService alerts;
  private final Function<String, List<String>> subtree;

  public AlertsApi(AlertService alerts, Function<String, List<String>> subtree) {
    this.alerts = alerts;
    this.subtree = subtree;
  }

  void mount(Router router) {
    router.get("/admin/v1/alerts").handler(this::list);
    router.post("/admin/v1/alerts/:id/ack").handler(this::acknowledge);
  }

  private void list(RoutingContext ctx) {
    String workspace = AdminAccess.workspace(ctx);
    String kindText = ctx.request().getParam("kind");
    String openText = ctx.request().getParam("open");
    String limitText = ctx.request().getParam("limit");
    AdminJson.respond(ctx, 200, () -> {
      AlertKind kind = kindText == null ? null : AlertKind.parse(kindText);
      if (kindText != null && kind == null) {
        throw GatewayException.badRequest("kind: '" + kindText + "' (expected: policy, anomaly or budget)", "kind");
      }
      if (openText != null && !openText.equals("true") && !openText.equals("false")) {
        throw GatewayException.badRequest("open: '" + openText + "' (expected: true or false)", "open");
      }
      ObjectNode out = AdminJson.MAPPER.createObjectNode();
      alerts.list(subtree.apply(workspace), kind, "true".equals(openText), limit(limitText)).stream()
          .map(AlertsApi::describe).forEach(out.putArray("data")::add);
      return out;
    });
  }

  private void acknowledge(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    String workspace = AdminAccess.workspace(ctx);
    var actor = AdminAccess.actor(ctx);
    AdminJson.respond(ctx, 200, () -> describe(alerts.acknowledge(id, subtree.apply(workspace), actor)));
  }

  private static int limit(String text) {
    if (text == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int n = Integer.parseInt(text);
      if (n >= 1 && n <= MAX_LIMIT) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw GatewayException.badRequest("limit: '" + text + "' (expected: an integer 1.." + MAX_LIMIT + ")", "limit");
  }

  static ObjectNode describe(Alert a) {
    ObjectNode json = AdminJson.MAPPER.createObjectNode();
    json.put("id", a.id());
    json.put("kind", a.kind().wireName());
    json.put("rule_id", a.ruleId());
    json.put("rule_name", a.ruleName());
    json.put("severity", a.severity().wireName());
    json.put("summary", a.summary());
    json.put("created_at", a.createdAt().toString());
    json.put("acknowledged_at", a.acknowledgedAt() == null ? null : a.acknowledgedAt().toString());
    json.put("acknowledged_by", a.acknowledgedBy());
    json.put("workspace_id", a.workspaceId());
    json.put("api_key_id", a.apiKeyId());
    json.put("request_id", a.requestId());
    return json;
  }
}
