package dev.portcullis.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/**
 * The body of a delivery. {@code json}: the alert's fields with {@code id} the alert's id (receivers de-duplicate
 * by it) and {@code type} its event; {@code slack}: a Slack incoming-webhook message ({@code text}) that carries
 * the same {@code id}. The same alert always gives the same bytes, so a retry is signed identically.
 */
final class WebhookPayload {

  private static final ObjectMapper JSON = new ObjectMapper();

  private WebhookPayload() {}

  static byte[] of(Alert a, WebhookFormat format) {
    ObjectNode body = switch (format) {
      case JSON -> fields(a);
      case SLACK -> JSON.createObjectNode().put("id", a.id()).put("text", "[" + a.severity().wireName() + "] "
          + a.kind().wireName() + " alert '" + a.ruleName() + "' in workspace " + a.workspaceId() + ": "
          + a.summary());
    };
    return body.toString().getBytes(StandardCharsets.UTF_8);
  }

  static ObjectNode fields(Alert a) {
    ObjectNode json = JSON.createObjectNode();
    json.put("id", a.id());
    json.put("type", a.event());
    json.put("kind", a.kind().wireName());
    json.put("rule_id", a.ruleId());
    json.put("rule_name", a.ruleName());
    json.put("severity", a.severity().wireName());
    json.put("summary", a.summary());
    json.put("workspace_id", a.workspaceId());
    json.put("api_key_id", a.apiKeyId());
    json.put("request_id", a.requestId());
    json.put("created_at", a.createdAt().toString());
    return json;
  }
}
