package dev.portcullis.ui;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;

/** Policies with an explain form, guardrails, and prices. */
final class PoliciesPage implements Page {

  @Override
  public String title() {
    return "Policies";
  }

  @Override
  public Future<String> render(PageCall call) {
    AdminReader admin = call.admin();
    Future<JsonNode> policies = admin.get("/admin/v1/policies");
    Future<JsonNode> guardrails = admin.get("/admin/v1/guardrails");
    Future<JsonNode> prices = admin.get("/admin/v1/prices");
    return Future.all(List.of(policies, guardrails, prices)).map(all -> call.render("policies", Map.of(
        "policies", policies.result().path("data"),
        "guardrails", guardrails.result().path("data"),
        "prices", prices.result().path("data"))));
  }
}
