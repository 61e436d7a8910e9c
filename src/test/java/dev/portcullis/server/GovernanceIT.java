package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.testing.MutableClock;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prices, policy rules and limits through a real gateway: what a client and an operator see. */
class GovernanceIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String GPT4O = "{\"model\":\"openai/gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-09T14:30:20Z"));
  private GatewayHarness h;

  @BeforeEach
  void start() {
    h = new GatewayHarness(dir, mock -> Map.of(), new Extensions(clock, List.of(), List.of()));
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private JsonNode json(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }

  private JsonNode post(String path, String body) throws Exception {
    HttpResponse<String> r = h.admin(h.post(path, body));
    assertThat(r.statusCode()).as(r.body()).isBetween(200, 201);
    return json(r);
  }

  private JsonNode rowOf(String mark) throws Exception {
    await().atMost(Duration.ofSeconds(10)).until(() -> json(h.admin(h.get("/admin/v1/logs?metadata.case=" + mark)))
        .path("data").size() == 1);
    return json(h.admin(h.get("/admin/v1/logs?metadata.case=" + mark))).path("data").get(0);
  }

  @Test
  void wholeAnswerCarriesItsCostAndTheLogRowPricesItFromTheCatalog() throws Exception {
    HttpResponse<String> answer = h.chat(GPT4O, "x-portkey-metadata", "{\"case\":\"t-cost\"}");
    assertThat(answer.statusCode()).isEqualTo(200);
    JsonNode usage = json(answer).path("usage");
    BigDecimal expected = new BigDecimal("2.50").multiply(BigDecimal.valueOf(usage.path("prompt_tokens").asLong()))
        .add(new BigDecimal("10.00").multiply(BigDecimal.valueOf(usage.path("completion_tokens").asLong())))
        .movePointLeft(6);
    assertThat(new BigDecimal(answer.headers().firstValue("x-portkey-cost-usd").orElseThrow()))
        .as("the x-portkey- prefix of the request").isEqualByComparingTo(expected);
    JsonNode row = rowOf("t-cost");
    assertThat(row.path("cost_status").asText()).isEqualTo("priced");
    assertThat(row.path("cost_usd").decimalValue()).isEqualByComparingTo(expected);
    assertThat(row.path("policy_verdict").isNull()).as("no rule applied").isTrue();
  }

  @Test
  void streamCostIsOnTheLogRowEstimatedWithoutUsageAndAnUnknownModelIsUnpricedNotFree() throws Exception {
    h.chat("{\"model\":\"openai/gpt-4o-mini\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
        + "\"messages\":[]}", "x-portcullis-metadata", "{\"case\":\"t-stream\"}");
    JsonNode stream = rowOf("t-stream");
    assertThat(stream.path("cost_status").asText()).isEqualTo("priced");
    assertThat(stream.path("cost_usd").decimalValue()).isPositive();

    h.chat("{\"model\":\"openai/gpt-4o-mini\",\"stream\":true,\"stream_options\":{},\"messages\":[]}",
        "x-portcullis-metadata", "{\"case\":\"t-no-usage\"}");
    JsonNode estimated = rowOf("t-no-usage");
    assertThat(estimated.path("cost_status").asText()).as("the client's stream_options ask for no usage: counted "
        + "locally").isEqualTo("estimated");
    assertThat(estimated.path("cost_usd").decimalValue()).isPositive();
    assertThat(estimated.path("total_tokens").isNull()).as("the row's tokens stay what the provider said").isTrue();

    HttpResponse<String> unknown = h.chat("{\"model\":\"openai/gpt-unknown\",\"messages\":[]}",
        "x-portcullis-metadata", "{\"case\":\"t-unpriced\"}");
    assertThat(unknown.headers().firstValue("x-portcullis-cost-usd")).isEmpty();
    JsonNode row = rowOf("t-unpriced");
    assertThat(row.path("cost_status").asText()).isEqualTo("unpriced");
    assertThat(row.path("cost_usd").isNull()).isTrue();
  }

  @Test
  void streamWithoutStreamOptionsIsPricedFromUsageTheGatewayAskedForAndTheClientNeverSeesThatChunk()
      throws Exception {
    HttpResponse<String> answer = h.chat("{\"model\":\"openai/gpt-4o-mini\",\"stream\":true,\"messages\":[]}",
        "x-portcullis-metadata", "{\"case\":\"t-asked\"}");
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).contains("[DONE]").doesNotContain("\"prompt_tokens\"");
    JsonNode row = rowOf("t-asked");
    assertThat(row.path("cost_status").asText()).isEqualTo("priced");
    assertThat(row.path("total_tokens").asLong()).as("the provider's own count").isPositive();
  }

  @Test
  void workspacePriceOverrideWinsOverTheCatalogUntilItIsRemoved() throws Exception {
    HttpResponse<String> put = h.admin(h.request("PUT", "/admin/v1/prices/openai/gpt-4o",
        "{\"input\": 1000000, \"output\": 0, \"source\": \"negotiated\"}"));
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    JsonNode usage = json(h.chat(GPT4O)).path("usage");
    HttpResponse<String> priced = h.chat(GPT4O);
    assertThat(new BigDecimal(priced.headers().firstValue("x-portcullis-cost-usd").orElseThrow()))
        .isEqualByComparingTo(BigDecimal.valueOf(usage.path("prompt_tokens").asLong()));
    JsonNode listed = json(h.admin(h.get("/admin/v1/prices"))).path("data");
    assertThat(listed.findValues("model")).isNotEmpty();
    JsonNode gpt4o = null;
    for (JsonNode p : listed) {
      if (p.path("provider").asText().equals("openai") && p.path("model").asText().equals("gpt-4o")) {
        gpt4o = p;
      }
    }
    assertThat(gpt4o.path("overridden").asBoolean()).isTrue();
    assertThat(gpt4o.path("source").asText()).isEqualTo("negotiated");

    assertThat(h.admin(h.request("DELETE", "/admin/v1/prices/openai/gpt-4o", null)).statusCode()).isEqualTo(200);
    assertThat(new BigDecimal(h.chat(GPT4O).headers().firstValue("x-portcullis-cost-usd").orElseThrow()))
        .isLessThan(BigDecimal.ONE);
    assertThat(h.admin(h.get("/admin/v1/audit")).body()).contains("price.override", "price.delete");
  }

  @Test
  void denyRuleRefusesWith403NamingTheRuleAndTheLogRowSaysSo() throws Exception {
    JsonNode rule = post("/admin/v1/policies", """
        {"name": "gpt4-for-research-only", "priority": 10, "target": {"kind": "llm_model", "model": "gpt-4o*"},
         "action": "deny", "conditions": {"metadata": {"team": {"$nin": ["research"]}}}}""");
    assertThat(rule.path("version").asInt()).isEqualTo(1);

    HttpResponse<String> denied = h.chat(GPT4O, "x-portkey-metadata",
        "{\"team\":\"sales\",\"case\":\"t-denied\"}");
    assertThat(denied.statusCode()).isEqualTo(403);
    JsonNode error = json(denied).path("error");
    assertThat(error.path("type").asText()).isEqualTo("policy_denied");
    assertThat(error.path("code").asText()).isEqualTo("policy_denied");
    assertThat(error.path("message").asText())
        .isEqualTo("request denied by policy 'gpt4-for-research-only' (llm_model gpt-4o*)");
    JsonNode row = rowOf("t-denied");
    assertThat(row.path("policy_verdict").asText()).isEqualTo("deny");
    assertThat(row.path("policy_rule_ids").get(0).asText()).isEqualTo(rule.path("id").asText());

    assertThat(h.chat(GPT4O, "x-portkey-metadata", "{\"team\":\"research\"}").statusCode()).isEqualTo(200);
  }

  @Test
  void rulesAreVersionedAndADeletedRuleStopsApplying() throws Exception {
    String id = post("/admin/v1/policies", """
        {"name": "no embeddings", "target": {"kind": "endpoint", "path": "/v1/chat/*"}, "action": "deny"}""")
        .path("id").asText();
    assertThat(h.chat(GPT4O).statusCode()).isEqualTo(403);
    HttpResponse<String> patched = h.admin(h.request("PATCH", "/admin/v1/policies/" + id,
        "{\"target\": {\"kind\": \"endpoint\", \"path\": \"/v1/embeddings\"}}"));
    assertThat(json(patched).path("version").asInt()).isEqualTo(2);
    assertThat(json(patched).path("name").asText()).isEqualTo("no embeddings");
    assertThat(h.chat(GPT4O).statusCode()).isEqualTo(200);
    assertThat(json(h.admin(h.get("/admin/v1/policies/" + id + "/versions"))).path("data")).hasSize(2);
    assertThat(h.admin(h.request("DELETE", "/admin/v1/policies/" + id, null)).statusCode()).isEqualTo(200);
    assertThat(h.admin(h.get("/admin/v1/policies/" + id)).statusCode()).isEqualTo(404);
    assertThat(h.admin(h.get("/admin/v1/audit")).body()).contains("policy.create", "policy.update",
        "policy.delete");
  }

  @Test
  void denyByDefaultRefusesWhatNoAllowRuleAdmits() throws Exception {
    HttpResponse<String> patched = h.admin(h.request("PATCH", "/admin/v1/workspaces/default",
        "{\"policy_default\": \"deny\"}"));
    assertThat(json(patched).path("policy_default").asText()).as(patched.body()).isEqualTo("deny");
    HttpResponse<String> refused = h.chat(GPT4O);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(json(refused).path("error").path("message").asText()).isEqualTo("request denied by policy: no allow "
        + "rule matched and the policy_default of workspace 'default' is deny");
    post("/admin/v1/policies", "{\"name\": \"openai\", \"target\": {\"kind\": \"provider\", \"provider\": "
        + "\"openai\"}, \"action\": \"allow\"}");
    assertThat(h.chat(GPT4O).statusCode()).isEqualTo(200);
    assertThat(h.admin(h.request("PATCH", "/admin/v1/workspaces/default", "{\"policy_default\": \"maybe\"}"))
        .body()).contains("policy_default: 'maybe' (expected: allow or deny)");
  }

  @Test
  void requestLimitAnswers429WithRetryAfterUntilTheMinuteTurns() throws Exception {
    post("/admin/v1/policies", """
        {"name": "two a minute", "target": {"kind": "any"}, "action": "allow",
         "limit": {"requests": 2, "per": "minute", "scope": "key"}}""");
    HttpResponse<String> first = h.chat(GPT4O);
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.headers().firstValue("x-ratelimit-limit-requests")).contains("2");
    assertThat(first.headers().firstValue("x-ratelimit-remaining-requests")).contains("1");
    assertThat(first.headers().firstValue("x-ratelimit-reset-requests")).contains("40s");
    assertThat(h.chat(GPT4O).headers().firstValue("x-ratelimit-remaining-requests")).contains("0");
    HttpResponse<String> refused = h.chat(GPT4O, "x-portcullis-metadata", "{\"case\":\"t-limited\"}");
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.headers().firstValue("retry-after")).contains("40");
    assertThat(json(refused).path("error").path("code").asText()).isEqualTo("rate_limit_exceeded");
    assertThat(rowOf("t-limited").path("policy_verdict").asText()).isEqualTo("rate_limited");

    clock.advance(Duration.ofSeconds(40));
    assertThat(h.chat(GPT4O).statusCode()).isEqualTo(200);
  }

  @Test
  void budgetRefusesOnceSpentNamingTheAmountAndTheReset() throws Exception {
    post("/admin/v1/policies", """
        {"name": "tiny", "target": {"kind": "any"}, "action": "allow",
         "limit": {"dollars": 0.0001, "per": "month", "scope": "workspace"}}""");
    HttpResponse<String> refused = h.chat("{\"model\":\"openai/gpt-4o\",\"max_tokens\":100000,\"messages\":[]}");
    assertThat(refused.statusCode()).isEqualTo(429);
    JsonNode error = json(refused).path("error");
    assertThat(error.path("code").asText()).isEqualTo("budget_exceeded");
    assertThat(error.path("message").asText()).isEqualTo("budget of $0.0001 per month for policy 'tiny' is spent; "
        + "it resets 2027-01-01T00:00:00Z");
  }

  @Test
  void alertRuleRecordsAnAlertAndLetsTheRequestThrough() throws Exception {
    post("/admin/v1/policies", """
        {"name": "watch gpt-4o", "target": {"kind": "llm_model", "model": "gpt-4o"}, "action": "alert"}""");
    assertThat(h.chat(GPT4O).statusCode()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(10)).until(() -> json(h.admin(h.get("/admin/v1/alerts"))).path("data")
        .size() == 1);
    JsonNode alert = json(h.admin(h.get("/admin/v1/alerts"))).path("data").get(0);
    assertThat(alert.path("rule_name").asText()).isEqualTo("watch gpt-4o");
    assertThat(alert.path("kind").asText()).isEqualTo("policy");
    assertThat(alert.path("severity").asText()).isEqualTo("warning");
    assertThat(alert.path("created_at").asText()).isEqualTo("2026-12-09T14:30:20Z");
    assertThat(alert.path("acknowledged_at").isNull()).isTrue();
  }

  @Test
  void alertRuleAlertsOncePerMinuteNotOncePerMatchingRequest() throws Exception {
    post("/admin/v1/policies", """
        {"name": "watch gpt-4o", "target": {"kind": "llm_model", "model": "gpt-4o"}, "action": "alert"}""");
    for (int i = 0; i < 3; i++) {
      assertThat(h.chat(GPT4O).statusCode()).isEqualTo(200);
    }
    clock.advance(Duration.ofSeconds(60));
    assertThat(h.chat(GPT4O).statusCode()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(10)).until(() -> json(h.admin(h.get("/admin/v1/alerts?kind=policy")))
        .path("data").size() == 2);
  }

  @Test
  void acknowledgingAnAlertAnswersItAcknowledgedAndAuditsIt() throws Exception {
    post("/admin/v1/policies", """
        {"name": "watch gpt-4o", "target": {"kind": "llm_model", "model": "gpt-4o"}, "action": "alert"}""");
    h.chat(GPT4O);
    await().atMost(Duration.ofSeconds(10)).until(() -> json(h.admin(h.get("/admin/v1/alerts?open=true")))
        .path("data").size() == 1);
    String id = json(h.admin(h.get("/admin/v1/alerts"))).path("data").get(0).path("id").asText();

    JsonNode acknowledged = post("/admin/v1/alerts/" + id + "/ack", "{}");

    assertThat(acknowledged.path("id").asText()).isEqualTo(id);
    assertThat(acknowledged.path("acknowledged_at").asText()).isEqualTo("2026-12-09T14:30:20Z");
    assertThat(json(h.admin(h.get("/admin/v1/alerts?open=true"))).path("data")).isEmpty();
    assertThat(json(h.admin(h.get("/admin/v1/audit"))).path("data").findValuesAsText("action"))
        .contains("alert.acknowledge");
  }

  @Test
  void acknowledgingAnUnknownAlertIs404NamingIt() throws Exception {
    HttpResponse<String> r = h.admin(h.post("/admin/v1/alerts/alr-nope/ack", "{}"));
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(json(r).path("error").path("message").asText()).isEqualTo("alert 'alr-nope' does not exist");
  }

  @Test
  void aViewerKeyMayListAlertsButNotAcknowledgeThem() throws Exception {
    String viewer = post("/admin/v1/api-keys", "{\"name\":\"watcher\",\"role\":\"viewer\"}").path("key").asText();
    HttpResponse<String> listed = h.send(h.get("/admin/v1/alerts").header("Authorization", "Bearer " + viewer));
    HttpResponse<String> refused = h.send(h.post("/admin/v1/alerts/alr-x/ack", "{}")
        .header("Authorization", "Bearer " + viewer));
    assertThat(listed.statusCode()).isEqualTo(200);
    assertThat(refused.statusCode()).isEqualTo(403);
  }

  @Test
  void webhookAtTheCloudMetadataAddressIsRefusedWithA400NamingIt() throws Exception {
    HttpResponse<String> r = h.admin(h.post("/admin/v1/webhooks", """
        {"url": "http://169.254.169.254/latest/meta-data/", "secret": "0123456789abcdef0"}"""));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).path("error").path("message").asText())
        .startsWith("url: 'http://169.254.169.254/latest/meta-data/' resolves to 169.254.169.254");
  }

  @Test
  void aWebhookNeverShowsItsSecretBack() throws Exception {
    HttpResponse<String> created = h.admin(h.post("/admin/v1/webhooks", """
        {"url": "https://93.184.215.14/portcullis", "events": ["alert.anomaly"], "secret": "0123456789abcdef0"}"""));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String listed = h.admin(h.get("/admin/v1/webhooks")).body();
    assertThat(created.body() + listed).doesNotContain("0123456789abcdef0");
    assertThat(json(created).path("events").get(0).asText()).isEqualTo("alert.anomaly");
    assertThat(json(created).path("format").asText()).isEqualTo("json");
  }

  @Test
  void anomalySettingsAreReadAndChangedPerWorkspace() throws Exception {
    HttpResponse<String> changed = h.admin(h.request("PUT", "/admin/v1/workspaces/default/anomaly-settings",
        "{\"cost_spike_ratio\": 5}"));
    assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
    JsonNode read = json(h.admin(h.get("/admin/v1/workspaces/default/anomaly-settings")));
    assertThat(read.path("cost_spike_ratio").asDouble()).isEqualTo(5.0);
    assertThat(read.path("min_requests").asInt()).isEqualTo(10);
    HttpResponse<String> bad = h.admin(h.request("PUT", "/admin/v1/workspaces/default/anomaly-settings",
        "{\"cost_spike_ratio\": 0.5}"));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json(bad).path("error").path("message").asText())
        .isEqualTo("cost_spike_ratio: 0.5 (expected: a number 1.1..1000.0)");
  }

  @Test
  void explainSaysWhatTheRulesWouldDecide() throws Exception {
    String id = post("/admin/v1/policies", """
        {"name": "research gpt-4o", "target": {"kind": "llm_model", "model": "gpt-4o"}, "action": "allow",
         "conditions": {"metadata.team": "research"}, "limit": {"requests": 5, "per": "hour"}}""").path("id").asText();
    JsonNode explained = post("/admin/v1/policies/explain", """
        {"model": "gpt-4o", "metadata": {"team": "research"}, "api_key_id": "bootstrap-admin"}""");
    assertThat(explained.path("decision").asText()).isEqualTo("allow");
    assertThat(explained.path("deciding_rule").path("id").asText()).isEqualTo(id);
    assertThat(explained.path("matched").get(0).path("why").asText()).contains("llm_model gpt-4o");
    assertThat(explained.path("limits").get(0).path("remaining").asLong()).isEqualTo(5);
    assertThat(explained.path("limits").get(0).path("resets_at").asText()).isEqualTo("2026-12-09T15:00:00Z");
  }

  @Test
  void badRuleIsRefusedWith400NamingTheField() throws Exception {
    HttpResponse<String> r = h.admin(h.post("/admin/v1/policies",
        "{\"name\": \"x\", \"target\": {\"kind\": \"any\"}, \"action\": \"block\"}"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).path("error").path("message").asText())
        .isEqualTo("action: 'block' (expected: one of deny, allow, alert)");
  }

  @Test
  void keyBudgetAndRateLimitAreStoredAsRulesAndRefusalsNameTheKey() throws Exception {
    JsonNode key = post("/admin/v1/api-keys", """
        {"name": "ci-bot", "budget": {"amount": 0.0001, "reset_strategy": "monthly"},
         "rate_limit": {"requests": 5, "per": "minute"}}""");
    HttpResponse<String> refused = h.send(h.post("/v1/chat/completions",
        "{\"model\":\"openai/gpt-4o\",\"max_tokens\":100000,\"messages\":[]}")
        .header("authorization", "Bearer " + key.path("key").asText()));
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(json(refused).path("error").path("message").asText()).isEqualTo("budget of $0.0001 per month for "
        + "key 'ci-bot' is spent; it resets 2027-01-01T00:00:00Z");
    assertThat(json(h.admin(h.get("/admin/v1/policies"))).path("data").findValuesAsText("name"))
        .containsExactly("key 'ci-bot'", "key 'ci-bot'");
    assertThat(h.admin(h.request("PATCH", "/admin/v1/api-keys/" + key.path("id").asText(),
        "{\"budget\": null, \"rate_limit\": null}")).statusCode()).isEqualTo(200);
    assertThat(json(h.admin(h.get("/admin/v1/policies"))).path("data")).isEmpty();
    assertThat(h.admin(h.post("/admin/v1/api-keys", "{\"name\": \"x\", \"budget\": {\"amount\": -1}}")).body())
        .contains("budget.amount: -1 (expected: an amount in USD above 0)");
  }

  @Test
  void ruleWithLogContentKeepsTheBodiesOfTheRequestsItMatchesOnly() throws Exception {
    post("/admin/v1/policies", """
        {"name": "keep gpt-4o", "target": {"kind": "llm_model", "model": "gpt-4o"}, "action": "allow",
         "log_content": true}""");
    h.chat(GPT4O, "x-portcullis-metadata", "{\"case\":\"t-kept\"}");
    h.chat("{\"model\":\"openai/gpt-4o-mini\",\"messages\":[]}", "x-portcullis-metadata",
        "{\"case\":\"t-not-kept\"}");
    String kept = rowOf("t-kept").path("id").asText();
    String notKept = rowOf("t-not-kept").path("id").asText();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("portcullis.db"));
        PreparedStatement ps = c.prepareStatement("SELECT request_id, request, response FROM request_bodies")) {
      ResultSet rs = ps.executeQuery();
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo(kept).isNotEqualTo(notKept);
      assertThat(rs.getString(2)).isEqualTo(GPT4O);
      assertThat(rs.getString(3)).contains("\"chat.completion\"");
      assertThat(rs.next()).isFalse();
    }
  }
}
