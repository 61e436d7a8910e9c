package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.testing.CliProcess;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The security report and the EU AI Act documents over real traffic: a gateway in front of the mock upstream, the
 * PDFs read back with PDFBox, their figures checked against the analytics API for the same period and reach.
 */
class ReportsIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PII_DENY = "{\"provider\": \"openai\", \"before_request_hooks\": [{\"type\": "
      + "\"guardrail\", \"id\": \"no-pii\", \"deny\": true, \"checks\": [{\"id\": \"portcullis.pii\"}]}]}";

  @TempDir static Path dir;
  private static GatewayHarness h;
  private static String from;
  private static String to;
  private static String viewerKey;
  private static String teamKey;

  @BeforeAll
  static void traffic() throws Exception {
    h = new GatewayHarness(dir, Map.of("PORTCULLIS_ORGANISATION_NAME", "Acme Bank"));
    Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    from = now.minus(Duration.ofHours(1)).toString();
    to = now.plus(Duration.ofHours(1)).toString();
    String team = json(h.admin(h.post("/admin/v1/workspaces", "{\"name\":\"team\"}")), 201).path("id").asText();
    teamKey = json(h.admin(h.post("/admin/v1/api-keys", "{\"name\":\"team-admin\",\"role\":\"admin\","
        + "\"workspace_id\":\"" + team + "\"}")), 201).path("key").asText();
    viewerKey = json(h.admin(h.post("/admin/v1/api-keys", "{\"name\":\"ciso\",\"role\":\"viewer\"}")), 201)
        .path("key").asText();
    for (int i = 0; i < 3; i++) {
      assertThat(h.chat(chat("hello")).statusCode()).isEqualTo(200);
    }
    assertThat(h.chat(chat("hello"), "x-portkey-metadata", "{\"ai_system\":\"support-bot\"}").statusCode())
        .isEqualTo(200);
    assertThat(h.chat(chat("write to jane@example.com"), "x-portkey-config", PII_DENY).statusCode()).isEqualTo(446);
    assertThat(h.send(h.post("/v1/chat/completions", chat("hi")).header("authorization", "Bearer " + teamKey))
        .statusCode()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(10)).until(() -> h.gateway.logWriter().written() >= 6);
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  @Test
  void securityReportStatesTheAnalyticsApiFiguresForTheSamePeriodAndAViewerMayReadIt() throws Exception {
    JsonNode summary = json(h.admin(h.get("/admin/v1/analytics/summary?" + period())), 200);
    assertThat(summary.path("requests").asLong()).isEqualTo(6);

    HttpResponse<byte[]> report = bytes("/admin/v1/reports/security?" + period(), viewerKey);

    assertThat(report.statusCode()).isEqualTo(200);
    assertThat(report.headers().firstValue("content-type")).hasValue("application/pdf");
    String text = text(report.body());
    assertThat(text).contains("Organisation: Acme Bank", "Period: " + from + " to " + to,
        "Workspace reach: default and its descendants");
    assertThat(text).contains("Requests " + summary.path("requests").asLong() + " 0 ");
    assertThat(text).contains(String.format(Locale.ROOT, "Spend (USD) $%.6f", summary.path("cost_usd").asDouble()));
    assertThat(text).contains(String.format(Locale.ROOT, "Error rate %.2f%%",
        summary.path("error_rate").asDouble() * 100));
    assertThat(text).contains("portcullis.pii 1", "EMAIL 1", "denied 1");
    assertThat(text).contains("Chain integrity: verified up to sequence", "head hash");
    assertThat(text).contains("Created 3");
  }

  @Test
  void securityReportChartsAreVectorPathsNotImages() throws Exception {
    try (PDDocument pdf = Loader.loadPDF(bytes("/admin/v1/reports/security?" + period(), viewerKey).body())) {
      assertThat(pdf.getNumberOfPages()).isGreaterThan(1);
      for (PDPage page : pdf.getPages()) {
        assertThat(page.getResources().getXObjectNames()).isEmpty();
      }
    }
  }

  @Test
  void aWorkspaceKeysReportHoldsItsWorkspaceOnlyAndLeavesTheGlobalChainUnverified() throws Exception {
    JsonNode summary = json(h.send(h.get("/admin/v1/analytics/summary?" + period())
        .header("authorization", "Bearer " + teamKey)), 200);
    assertThat(summary.path("requests").asLong()).isEqualTo(1);

    String text = text(bytes("/admin/v1/reports/security?" + period(), teamKey).body());

    assertThat(text).contains("Requests 1 0 ", "Chain integrity: not verified in this report")
        .doesNotContain("portcullis.pii", "ciso");
  }

  @Test
  void securityReportRefusesAPeriodThatIsNoInstantOrRunsBackwards() throws Exception {
    assertError(h.admin(h.get("/admin/v1/reports/security?from=yesterday")), 400,
        "from: 'yesterday' (expected: an ISO-8601 instant such as 2027-01-31T00:00:00Z)");
    assertError(h.admin(h.get("/admin/v1/reports/security?from=" + to + "&to=" + from)), 400,
        "from: '" + to + "' is not before to: '" + from + "' (expected: from earlier than to)");
  }

  @Test
  void aiActDocumentOfASystemWithoutTrafficSaysSoInEveryFormat() throws Exception {
    String id = register("{\"name\":\"quiet-bot\",\"match\":{\"metadata\":{\"key\":\"ai_system\","
        + "\"value\":\"nobody-sends-this\"}}}");

    String md = h.admin(h.get("/admin/v1/reports/ai-act?ai_system=" + id + "&" + period())).body();
    assertThat(md).startsWith("# EU AI Act documentation: quiet-bot")
        .contains("No requests of this AI system were recorded in the period.", "Purpose | NOT DECLARED",
            "## What the operator must still supply", "The intended purpose of the system (declare purpose).");
    JsonNode json = json(h.admin(h.get("/admin/v1/reports/ai-act?format=json&ai_system=" + id + "&" + period())),
        200);
    assertThat(json.path("requests").asLong()).isZero();
    assertThat(json.path("models")).isEmpty();
    assertThat(json.path("operator_must_supply").toString()).contains("Evidence of operation");
    HttpResponse<byte[]> pdf = bytes("/admin/v1/reports/ai-act?format=pdf&ai_system=" + id + "&" + period(),
        GatewayHarness.ADMIN_KEY);
    assertThat(pdf.headers().firstValue("content-type")).hasValue("application/pdf");
    assertThat(text(pdf.body())).contains("No requests of this AI system were recorded in the period.");
  }

  @Test
  void aiActDocumentListsTheModelsProvidersAndVolumesOfTheMatchedTraffic() throws Exception {
    String id = register("{\"name\":\"support-bot\",\"purpose\":\"answers customer questions\","
        + "\"risk_category\":\"limited\",\"human_oversight\":\"agents review flagged answers\","
        + "\"match\":{\"metadata\":{\"key\":\"ai_system\",\"value\":\"support-bot\"}}}");

    JsonNode json = json(h.send(h.get("/admin/v1/reports/ai-act?format=json&ai_system=" + id + "&" + period())
        .header("authorization", "Bearer " + viewerKey)), 200);

    assertThat(json.path("requests").asLong()).isEqualTo(1);
    assertThat(json.path("models").get(0).path("provider").asText()).isEqualTo("openai");
    assertThat(json.path("models").get(0).path("model").asText()).isEqualTo("gpt-4o");
    assertThat(json.path("ai_system").path("risk_category").asText()).isEqualTo("limited");
    String md = h.admin(h.get("/admin/v1/reports/ai-act?ai_system=" + id + "&" + period())).body();
    assertThat(md).contains("| openai | gpt-4o | 1 | 0 |", "Human oversight measures, as declared: agents review");
  }

  @Test
  void aiSystemsAreValidatedAuditedAndSeenOnlyWithinReach() throws Exception {
    assertError(h.admin(h.post("/admin/v1/ai-systems", "{\"name\":\"x\",\"risk_category\":\"extreme\","
        + "\"match\":{\"workspaces\":[\"default\"]}}")), 400,
        "risk_category: 'extreme' (expected: one of minimal, limited, high, prohibited-check-done)");
    assertError(h.admin(h.post("/admin/v1/ai-systems", "{\"name\":\"x\"}")), 400, "match: missing");
    assertError(h.admin(h.post("/admin/v1/ai-systems", "{\"name\":\"x\",\"match\":{\"api_keys\":[\"nope\"]}}")), 400,
        "match.api_keys: 'nope' is not a gateway key");
    assertError(h.admin(h.post("/admin/v1/ai-systems", "{\"name\":\"x\",\"colour\":\"red\","
        + "\"match\":{\"workspaces\":[\"default\"]}}")), 400, "colour: unknown field");
    assertThat(h.send(h.post("/admin/v1/ai-systems", "{\"name\":\"x\",\"match\":{\"workspaces\":[\"default\"]}}")
        .header("authorization", "Bearer " + viewerKey)).statusCode()).isEqualTo(403);

    String id = register("{\"name\":\"hr-screening\",\"match\":{\"workspaces\":[\"default\"]}}");
    JsonNode patched = json(h.admin(h.request("PATCH", "/admin/v1/ai-systems/" + id,
        "{\"risk_category\":\"high\"}")), 200);
    assertThat(patched.path("risk_category").asText()).isEqualTo("high");
    assertThat(patched.path("name").asText()).isEqualTo("hr-screening");
    JsonNode audit = json(h.admin(h.get("/admin/v1/audit?object_id=" + id)), 200);
    assertThat(audit.path("data").findValuesAsText("action")).containsExactly("ai_system.update", "ai_system.create");

    assertThat(h.send(h.get("/admin/v1/ai-systems/" + id).header("authorization", "Bearer " + teamKey)).statusCode())
        .isEqualTo(404);
    assertThat(h.send(h.get("/admin/v1/reports/ai-act?ai_system=" + id).header("authorization", "Bearer " + teamKey))
        .statusCode()).isEqualTo(404);
  }

  @Test
  void aiActReportRefusesAMissingSystemAnUnknownFormatAndABadPeriod() throws Exception {
    assertError(h.admin(h.get("/admin/v1/reports/ai-act")), 400, "ai_system: missing");
    assertError(h.admin(h.get("/admin/v1/reports/ai-act?ai_system=ais_x&format=docx")), 400,
        "format: 'docx' (expected: md, pdf or json)");
    assertError(h.admin(h.get("/admin/v1/reports/ai-act?ai_system=ais_x&to=soon")), 400, "to: 'soon'");
    assertError(h.admin(h.get("/admin/v1/reports/ai-act?ai_system=ais_x")), 404, "AI system 'ais_x' does not exist");
  }

  @Test
  void theCliWritesTheSameSecurityReportFromTheDataDirectory() throws Exception {
    Path out = dir.resolve("report.pdf");

    CliProcess.Run run = CliProcess.run(dir, Map.of("PORTCULLIS_DATA_DIR", dir.toString(),
        "PORTCULLIS_ORGANISATION_NAME", "Acme Bank"), "report", "security", "--from", from, "--to", to, "-o",
        out.toString());

    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(text(Files.readAllBytes(out))).contains("Organisation: Acme Bank", "Requests 6 0 ");
  }

  private static String register(String body) throws Exception {
    return json(h.admin(h.post("/admin/v1/ai-systems", body)), 201).path("id").asText();
  }

  private static String chat(String content) {
    return "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"" + content + "\"}]}";
  }

  private static String period() {
    return "from=" + URLEncoder.encode(from, StandardCharsets.UTF_8) + "&to=" + URLEncoder.encode(to,
        StandardCharsets.UTF_8);
  }

  private static HttpResponse<byte[]> bytes(String path, String key) throws Exception {
    return h.http.send(h.get(path).header("authorization", "Bearer " + key).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  /** The PDF's text as PDFBox extracts it, lines joined by single spaces where cells sat side by side. */
  private static String text(byte[] pdf) throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(document).replaceAll("[ \\t]+", " ");
    }
  }

  private static JsonNode json(HttpResponse<String> r, int status) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    return JSON.readTree(r.body());
  }

  private static void assertError(HttpResponse<String> r, int status, String message) throws Exception {
    assertThat(json(r, status).path("error").path("message").asText()).contains(message);
  }
}
