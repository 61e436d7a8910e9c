package dev.portcullis.ui;

import io.vertx.core.Future;
import java.util.Map;

/**
 * One request: attempts, fallback index, retries, policy and guardrail verdicts, cost, trace id, and the bodies a
 * policy kept (as stored, redacted when the rule redacts).
 */
final class LogDetailPage implements Page {

  @Override
  public String title() {
    return "Logs";
  }

  @Override
  public Future<String> render(PageCall call) {
    String id = call.ctx().pathParam("id");
    return call.admin().get("/admin/v1/logs/" + QueryText.encode(id)).map(detail -> call.render("log", Map.of(
        "row", detail.path("record"), "requestBody", detail.path("request_body").asText(""),
        "responseBody", detail.path("response_body").asText(""))));
  }
}
