package dev.portcullis.report;

import dev.portcullis.observe.analytics.Analytics.Group;
import dev.portcullis.observe.analytics.Summary;
import dev.portcullis.report.ReportDocument.Bar;
import dev.portcullis.report.ReportDocument.BarChart;
import dev.portcullis.report.ReportDocument.Block;
import dev.portcullis.report.ReportDocument.Paragraph;
import dev.portcullis.report.ReportDocument.Section;
import dev.portcullis.report.ReportDocument.Table;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The CISO security report: its facts laid out as a document, and that document as PDF. */
public final class SecurityReport {

  /** Groups shown per breakdown; the rest are summed into one "other" row. */
  static final int TOP = 10;

  private SecurityReport() {}

  public static byte[] pdf(SecurityFacts facts) {
    return PdfWriter.write(document(facts));
  }

  public static ReportDocument document(SecurityFacts f) {
    List<Section> sections = new ArrayList<>();
    sections.add(new Section("Executive summary", List.of(summary(f.current(), f.previous()),
        new Paragraph("Previous period: " + f.period().previous() + ". Requests, spend and errors are the figures of "
            + "the analytics API (GET /admin/v1/analytics/summary) for the same period and workspaces."))));
    sections.add(new Section("Spend and requests by model", breakdown(f.byModel(), v -> v)));
    sections.add(new Section("Spend and requests by provider", breakdown(f.byProvider(), v -> v)));
    sections.add(new Section("Spend and requests by gateway key", breakdown(f.byKey(),
        id -> f.keyNames().containsKey(id) ? f.keyNames().get(id) + " (" + id + ")" : id)));
    sections.add(new Section("Spend and requests by user", breakdown(f.byUser(), v -> v)));
    sections.add(new Section("Policy denials by rule", List.of(new Table(List.of("Rule", "Denied requests"),
        sorted(f.denialsByRule()).stream().map(e -> List.of(ruleLabel(e.getKey(), f.ruleNames()),
            Long.toString(e.getValue()))).toList(), "No request was denied by a policy rule in the period."))));
    sections.add(new Section("Rate-limit and budget refusals", List.of(new Table(List.of("Refusal", "Requests"),
        List.of(List.of("Rate limit (429)", Long.toString(f.rateLimited())),
            List.of("Budget exceeded", Long.toString(f.budgetExceeded()))), ""))));
    sections.add(new Section("Guardrail hits", guardrails(f.guardrails())));
    sections.add(new Section("Alerts and anomalies", alerts(f)));
    sections.add(new Section("Gateway keys", keys(f)));
    sections.add(new Section("Audit trail", audit(f)));
    return new ReportDocument("Security report", List.of("Organisation: " + f.organisation(),
        "Period: " + f.period(), "Generated at: " + f.generatedAt(),
        "Workspace reach: " + f.workspaceId() + " and its descendants (" + f.workspaceCount() + " workspaces)"),
        sections);
  }

  private static Table summary(Summary now, Summary before) {
    return new Table(List.of("Measure", "This period", "Previous period", "Change"), List.of(
        List.of("Requests", Long.toString(now.requests()), Long.toString(before.requests()),
            Figures.change(now.requests(), before.requests())),
        List.of("Spend (USD)", Figures.usd(now.costUsd()), Figures.usd(before.costUsd()),
            Figures.change(now.costUsd(), before.costUsd())),
        List.of("Errors", Long.toString(now.errors()), Long.toString(before.errors()),
            Figures.change(now.errors(), before.errors())),
        List.of("Error rate", Figures.percent(now.errorRate()), Figures.percent(before.errorRate()),
            Figures.points(now.errorRate(), before.errorRate())),
        List.of("Input tokens", Long.toString(now.inputTokens()), Long.toString(before.inputTokens()),
            Figures.change(now.inputTokens(), before.inputTokens())),
        List.of("Output tokens", Long.toString(now.outputTokens()), Long.toString(before.outputTokens()),
            Figures.change(now.outputTokens(), before.outputTokens()))), "");
  }

  private static List<Block> breakdown(List<Group> groups, Function<String, String> label) {
    if (groups.isEmpty()) {
      return List.of(new Paragraph("No requests in the period."));
    }
    List<Group> shown = groups.size() <= TOP ? groups : groups.subList(0, TOP);
    List<List<String>> rows = new ArrayList<>();
    for (Group g : shown) {
      rows.add(row(g.value() == null ? "(none)" : label.apply(g.value()), g.summary()));
    }
    if (groups.size() > TOP) {
      long requests = 0;
      long errors = 0;
      double cost = 0;
      for (Group g : groups.subList(TOP, groups.size())) {
        requests += g.summary().requests();
        errors += g.summary().errors();
        cost += g.summary().costUsd();
      }
      rows.add(List.of("(" + (groups.size() - TOP) + " others)", Long.toString(requests), Long.toString(errors),
          Figures.usd(cost)));
    }
    return List.of(new Table(List.of("Value", "Requests", "Errors", "Spend (USD)"), rows, ""),
        new BarChart("Requests", shown.stream().map(g -> new Bar(g.value() == null ? "(none)" : label.apply(g.value()),
            g.summary().requests(), Long.toString(g.summary().requests()))).toList()),
        new BarChart("Spend (USD)", shown.stream().map(g -> new Bar(g.value() == null ? "(none)"
            : label.apply(g.value()), g.summary().costUsd(), Figures.usd(g.summary().costUsd()))).toList()));
  }

  private static List<String> row(String label, Summary s) {
    return List.of(label, Long.toString(s.requests()), Long.toString(s.errors()), Figures.usd(s.costUsd()));
  }

  private static String ruleLabel(String id, Map<String, String> names) {
    if (id.equals("default")) {
      return "workspace default (deny), no rule matched";
    }
    return names.containsKey(id) ? names.get(id) + " (" + id + ")" : id;
  }

  private static List<Block> guardrails(GuardrailHits hits) {
    return List.of(
        new Table(List.of("Verdict", "Requests"), sorted(hits.byVerdict()).stream()
            .map(e -> List.of(e.getKey(), Long.toString(e.getValue()))).toList(),
            "No request was denied, flagged or redacted by a guardrail in the period."),
        new Table(List.of("Check", "Hits"), sorted(hits.byCheck()).stream()
            .map(e -> List.of(e.getKey(), Long.toString(e.getValue()))).toList(), "No check hit."),
        new Table(List.of("Finding type", "Findings"), sorted(hits.byType()).stream()
            .map(e -> List.of(e.getKey(), Long.toString(e.getValue()))).toList(), "No findings."),
        new BarChart("Findings by type", sorted(hits.byType()).stream()
            .map(e -> new Bar(e.getKey(), e.getValue(), Long.toString(e.getValue()))).toList()));
  }

  private static List<Block> alerts(SecurityFacts f) {
    List<Block> blocks = new ArrayList<>();
    blocks.add(new Paragraph(f.alertCount() + " alerts in the period"
        + (f.alertCount() > f.alerts().size() ? "; the newest " + f.alerts().size() + " are listed." : ".")
        + " Alerts are read from policy alert rules; that store records no severity and no acknowledgement, so "
        + "each is shown open."));
    blocks.add(new Table(List.of("At", "Kind", "Severity", "Status", "Message"), f.alerts().stream()
        .map(a -> List.of(a.at().toString(), a.kind(), a.severity() == null ? "-" : a.severity(), a.status(),
            a.message())).toList(), "No alert in the period."));
    return blocks;
  }

  private static List<Block> keys(SecurityFacts f) {
    long created = count(f, "api_key.create");
    long rotated = count(f, "api_key.rotate");
    long revoked = count(f, "api_key.revoke");
    return List.of(
        new Table(List.of("Change", "Keys"), List.of(List.of("Created", Long.toString(created)),
            List.of("Rotated", Long.toString(rotated)), List.of("Revoked", Long.toString(revoked)),
            List.of("Expiring within " + SecurityFactsReader.EXPIRY_WARNING.toDays() + " days",
                Long.toString(f.expiringKeys().size()))), ""),
        new Table(List.of("At", "Change", "Key", "By"), f.keyEvents().stream().map(e -> List.of(e.at().toString(),
            e.action(), f.keyNames().getOrDefault(e.keyId(), e.keyId()), e.actor())).toList(),
            "No gateway key was created, rotated or revoked in the period."),
        new Table(List.of("Expiring key", "Workspace", "Expires at"), f.expiringKeys().stream()
            .map(k -> List.of(k.name() + " (" + k.keyId() + ")", k.workspaceId(), k.expiresAt().toString())).toList(),
            "No live key expires within " + SecurityFactsReader.EXPIRY_WARNING.toDays() + " days."));
  }

  private static long count(SecurityFacts f, String action) {
    return f.keyEvents().stream().filter(e -> e.action().equals(action)).count();
  }

  private static List<Block> audit(SecurityFacts f) {
    List<Block> blocks = new ArrayList<>();
    if (f.audit() == null) {
      blocks.add(new Paragraph("Chain integrity: not verified in this report. The hash chain spans every workspace, "
          + "so only a report for the root workspace verifies it."));
    } else if (f.audit().valid()) {
      blocks.add(new Paragraph("Chain integrity: verified up to sequence " + f.audit().headSeq() + " ("
          + f.audit().checked() + " entries); head hash " + f.audit().headHash() + "."));
    } else {
      blocks.add(new Paragraph("Chain integrity: BROKEN at sequence " + f.audit().firstBadSeq() + ": "
          + f.audit().problem() + ". Head sequence " + f.audit().headSeq() + ", head hash " + f.audit().headHash()
          + "."));
    }
    blocks.add(new Table(List.of("Actor", "Action", "Changes"), f.changesByActor().stream()
        .map(c -> List.of(c.actor(), c.action(), Long.toString(c.count()))).toList(),
        "No admin change in the period."));
    return blocks;
  }

  private static List<Map.Entry<String, Long>> sorted(Map<String, Long> counts) {
    return counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
        .thenComparing(Map.Entry.comparingByKey())).toList();
  }
}
