package dev.portcullis.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.report.ReportDocument.Block;
import dev.portcullis.report.ReportDocument.Bullets;
import dev.portcullis.report.ReportDocument.Paragraph;
import dev.portcullis.report.ReportDocument.Section;
import dev.portcullis.report.ReportDocument.Table;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One AI system's documentation along the EU AI Act's record-keeping and transparency duties (Articles 12, 13, 14,
 * 26 and 50, and the Annex IV headings a gateway can fill). Every statement is a fact from the facts read; what the
 * gateway cannot know is said to be missing and listed for the operator to supply.
 */
public final class AiActReport {

  /** Article 26(6): deployers keep the logs under their control for at least six months. */
  static final Duration SIX_MONTHS = Duration.ofDays(183);

  private static final String NOT_DECLARED = "NOT DECLARED";

  private AiActReport() {}

  public static String markdown(AiActFacts facts) {
    return MarkdownWriter.write(document(facts));
  }

  public static byte[] pdf(AiActFacts facts) {
    return PdfWriter.write(document(facts));
  }

  public static ReportDocument document(AiActFacts f) {
    AiSystemDeclaration d = f.system().declaration();
    List<Section> sections = new ArrayList<>();
    sections.add(new Section("The AI system as declared", List.of(new Table(List.of("Field", "Declared"), List.of(
        List.of("Name", d.name()), List.of("Purpose", declared(d.purpose())), List.of("Owner", declared(d.owner())),
        List.of("Role of the operator", declared(d.deployerRole())),
        List.of("Risk category", d.riskCategory() == null ? NOT_DECLARED : d.riskCategory().wireName()),
        List.of("Intended users", declared(d.intendedUsers())),
        List.of("Human oversight", declared(d.humanOversight())),
        List.of("Traffic matched", d.match().describe())), ""),
        new Paragraph("Registered " + f.system().createdAt() + " in workspace " + f.system().workspaceId()
            + "; last changed " + f.system().updatedAt() + ". The risk category is the operator's classification; "
            + "the gateway records it and does not assess it."))));
    sections.add(new Section("Article 12: record-keeping", logging(f)));
    sections.add(new Section("Models and providers used", usage(f)));
    sections.add(new Section("Articles 13 and 50: transparency", List.of(new Paragraph("What the gateway does: "
        + "when a guardrail ran on a request, its answer carries hook_results (each check's verdict and "
        + "explanation), and refusals name their reason. The gateway does not tell natural persons that they are "
        + "dealing with an AI system and does not mark generated content; those duties rest with the operator."))));
    sections.add(new Section("Article 14: human oversight", oversight(f)));
    sections.add(new Section("Article 26: deployer duties", deployer(f)));
    sections.add(new Section("Guardrails and policies in force during the period", rules(f)));
    sections.add(new Section("Incidents", incidents(f)));
    sections.add(new Section("Annex IV: technical documentation headings", List.of(new Table(
        List.of("Heading", "From the gateway"), annexIv(f), ""))));
    sections.add(new Section("What the operator must still supply", List.of(new Bullets(gaps(f)))));
    return new ReportDocument("EU AI Act documentation: " + d.name(), List.of("Organisation: " + f.organisation(),
        "AI system: " + d.name() + " (" + f.system().id() + ")", "Period: " + f.period(),
        "Generated at: " + f.generatedAt(),
        "Facts come from the gateway's request log, settings and audit trail; gaps are marked as such."), sections);
  }

  private static List<Block> logging(AiActFacts f) {
    List<Block> blocks = new ArrayList<>();
    blocks.add(new Paragraph("The gateway records every request of the system automatically, after its last byte: "
        + "request id and trace id, time, workspace, gateway key, end user, provider, model, status, latency, "
        + "time to first token, tokens, cost, retries and fallbacks, every provider attempt, cache status, policy "
        + "and guardrail verdicts (never the matched values), and caller metadata. Request and answer bodies are "
        + "kept only when a policy rule asks for content logging, redacted as the guardrails redacted them."));
    blocks.add(new Paragraph("Retention: request log rows are kept " + f.logRetentionDays() + " days (set by "
        + f.retentionSetBy() + "); kept bodies " + f.bodyRetentionDays() + " days. Admin changes are kept in a "
        + "hash-chained audit trail that can be verified (GET /admin/v1/audit/verify)."));
    if (f.requests() == 0) {
      blocks.add(new Paragraph("No requests of this AI system were recorded in the period."));
    } else {
      blocks.add(new Paragraph(f.requests() + " requests of this AI system were recorded in the period, the first at "
          + f.usage().stream().map(AiActFacts.ModelUse::firstSeen).min(Comparable::compareTo).orElseThrow()
          + " and the last at "
          + f.usage().stream().map(AiActFacts.ModelUse::lastSeen).max(Comparable::compareTo).orElseThrow() + "."));
    }
    return blocks;
  }

  private static List<Block> usage(AiActFacts f) {
    return List.of(new Table(List.of("Provider", "Model", "Requests", "Errors", "Tokens in/out", "Spend (USD)",
        "Last seen"), f.usage().stream().map(u -> List.of(orNone(u.provider()), orNone(u.model()),
        Long.toString(u.requests()), Long.toString(u.errors()), u.inputTokens() + "/" + u.outputTokens(),
        Figures.usd(u.costUsd()), u.lastSeen().toString())).toList(),
        "No requests of this AI system were recorded in the period, so no model or provider was used."),
        new Paragraph("Models are named as the gateway sent them to the provider; a dated model name carries its "
            + "version. The version a provider answered with is not recorded by the gateway."));
  }

  private static List<Block> oversight(AiActFacts f) {
    String declared = f.system().declaration().humanOversight();
    return List.of(new Paragraph(declared == null ? "Human oversight measures: " + NOT_DECLARED + "."
            : "Human oversight measures, as declared: " + declared),
        new Paragraph("Means the gateway gives people to intervene: an admin can revoke the system's gateway keys, "
            + "deny its traffic with a policy rule, or make guardrails deny or flag answers; each such change is "
            + "audited. Guardrail verdicts on the system's requests in the period: " + counts(f.guardrailVerdicts())
            + ". Policy verdicts: " + counts(f.policyVerdicts()) + "."));
  }

  private static List<Block> deployer(AiActFacts f) {
    String role = f.system().declaration().deployerRole();
    boolean shortRetention = f.logRetentionDays() < SIX_MONTHS.toDays();
    return List.of(new Bullets(List.of(
        "Role of the operator: " + (role == null ? NOT_DECLARED : role) + ".",
        "Logs under the operator's control: kept " + f.logRetentionDays() + " days, which is "
            + (shortRetention ? "shorter than" : "at least") + " the six months Article 26(6) asks deployers to "
            + "keep them.",
        "Monitoring: " + f.alerts().size() + " alerts and " + f.guardrailVerdicts().getOrDefault("denied", 0L)
            + " guardrail denials in the period (see Incidents).",
        "Input data, instructions for use, informing workers and affected persons, and reporting serious incidents "
            + "are outside what the gateway records.")));
  }

  private static List<Block> rules(AiActFacts f) {
    return List.of(new Paragraph("Rules of the workspaces " + String.join(", ", f.workspaces())
            + " (the system's workspace, its ancestors and the workspaces below it)."),
        new Table(List.of("Kind", "Name (id)", "Version", "Workspace", "In force from", "Until"),
            f.rulesInForce().stream().map(r -> List.of(r.kind(), r.name() + " (" + r.id() + ")",
                Integer.toString(r.version()), r.workspaceId(), r.from().toString(),
                r.until() == null ? "still in force" : r.until().toString())).toList(),
            "No policy rule or saved guardrail was in force during the period."),
        new Table(List.of("At", "Change", "Object", "By"), f.governanceChanges().stream()
            .map(c -> List.of(c.at().toString(), c.action(), c.objectId(), c.actor())).toList(),
            "No policy, guardrail, config or AI system change was audited in the period."));
  }

  private static List<Block> incidents(AiActFacts f) {
    return List.of(new Table(List.of("At", "Kind", "Status", "Message"), f.alerts().stream()
            .map(a -> List.of(a.at().toString(), a.kind(), a.status(), a.message())).toList(),
            "No alert was raised in the system's workspaces in the period."),
        new Paragraph("Alerts are those of the workspaces the system's traffic runs in; an alert is not tied to one "
            + "AI system."),
        new Table(List.of("At", "Request blocked by a guardrail", "Model"), f.guardrailBlocks().stream()
            .map(b -> List.of(b.at().toString(), b.requestId(), orNone(b.model()))).toList(),
            "No request of this AI system was blocked by a guardrail in the period."));
  }

  private static List<List<String>> annexIv(AiActFacts f) {
    AiSystemDeclaration d = f.system().declaration();
    String models = f.usage().isEmpty() ? "no model used in the period"
        : String.join(", ", f.usage().stream().map(u -> orNone(u.provider()) + "/" + orNone(u.model())).toList());
    return List.of(
        List.of("1. General description", "purpose: " + declared(d.purpose()) + "; models used: " + models),
        List.of("2. Elements and development", "not known to the gateway"),
        List.of("3. Monitoring, functioning and control", "logging, retention, guardrails and policies above; "
            + "human oversight " + (d.humanOversight() == null ? NOT_DECLARED : "as declared")),
        List.of("4. Performance metrics", "error counts per model above; accuracy is not known to the gateway"),
        List.of("5. Risk management system", "not known to the gateway"),
        List.of("6. Changes through the lifecycle", f.governanceChanges().size() + " governance changes audited in "
            + "the period"),
        List.of("7. Harmonised standards applied", "not known to the gateway"),
        List.of("8. EU declaration of conformity", "not known to the gateway"),
        List.of("9. Post-market monitoring", "request log and alerts above; the plan is not known to the gateway"));
  }

  /** What the document could not state, for the operator to supply. */
  public static List<String> gaps(AiActFacts f) {
    AiSystemDeclaration d = f.system().declaration();
    List<String> gaps = new ArrayList<>();
    if (d.purpose() == null) {
      gaps.add("The intended purpose of the system (declare purpose).");
    }
    if (d.owner() == null) {
      gaps.add("Who owns the system (declare owner).");
    }
    if (d.deployerRole() == null) {
      gaps.add("The operator's role for the system, e.g. deployer or provider (declare deployer_role).");
    }
    if (d.riskCategory() == null) {
      gaps.add("The risk classification (declare risk_category).");
    }
    if (d.intendedUsers() == null) {
      gaps.add("Who the system is meant to be used by (declare intended_users).");
    }
    if (d.humanOversight() == null) {
      gaps.add("The human oversight measures of Article 14 (declare human_oversight).");
    }
    if (f.logRetentionDays() < SIX_MONTHS.toDays()) {
      gaps.add("Logs kept for at least six months (Article 26(6)): the gateway keeps " + f.logRetentionDays()
          + " days; raise the retention or keep an export.");
    }
    if (f.requests() == 0) {
      gaps.add("Evidence of operation: no requests of this system were recorded in the period; check its match.");
    }
    gaps.add("The provider's instructions for use (Article 13), and the versions the model providers answered with.");
    gaps.add("How natural persons are told they interact with an AI system, and how generated content is marked "
        + "(Article 50), where these apply.");
    gaps.add("Annex IV sections 2, 5, 7, 8 and 9: development, risk management, standards, declaration of "
        + "conformity, post-market monitoring plan.");
    if (d.riskCategory() == RiskCategory.HIGH) {
      gaps.add("For a high-risk system: the fundamental rights impact assessment (Article 27) where it applies, "
          + "and the assignment of human oversight to trained people (Article 26(2)).");
    }
    return gaps;
  }

  public static ObjectNode json(AiActFacts f) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("object", "ai_act_report");
    json.put("organisation", f.organisation());
    json.set("ai_system", AiSystemJson.describe(f.system()));
    json.putObject("period").put("from", f.period().from().toString()).put("to", f.period().to().toString());
    json.put("generated_at", f.generatedAt().toString());
    json.putObject("retention").put("log_days", f.logRetentionDays()).put("log_days_set_by", f.retentionSetBy())
        .put("body_days", f.bodyRetentionDays());
    json.put("requests", f.requests());
    ArrayNode usage = json.putArray("models");
    f.usage().forEach(u -> usage.addObject().put("provider", u.provider()).put("model", u.model())
        .put("requests", u.requests()).put("errors", u.errors()).put("input_tokens", u.inputTokens())
        .put("output_tokens", u.outputTokens()).put("cost_usd", u.costUsd())
        .put("first_seen", u.firstSeen().toString()).put("last_seen", u.lastSeen().toString()));
    ObjectNode guardrails = json.putObject("guardrail_verdicts");
    f.guardrailVerdicts().forEach(guardrails::put);
    ObjectNode policies = json.putObject("policy_verdicts");
    f.policyVerdicts().forEach(policies::put);
    ArrayNode rules = json.putArray("rules_in_force");
    f.rulesInForce().forEach(r -> rules.addObject().put("kind", r.kind()).put("id", r.id()).put("name", r.name())
        .put("version", r.version()).put("workspace_id", r.workspaceId()).put("from", r.from().toString())
        .put("until", r.until() == null ? null : r.until().toString()));
    ArrayNode changes = json.putArray("governance_changes");
    f.governanceChanges().forEach(c -> changes.addObject().put("at", c.at().toString()).put("action", c.action())
        .put("object_id", c.objectId()).put("actor", c.actor()));
    ArrayNode alerts = json.putArray("alerts");
    f.alerts().forEach(a -> alerts.addObject().put("at", a.at().toString()).put("kind", a.kind())
        .put("severity", a.severity()).put("status", a.status()).put("message", a.message())
        .put("request_id", a.requestId()));
    ArrayNode blocks = json.putArray("guardrail_blocks");
    f.guardrailBlocks().forEach(b -> blocks.addObject().put("at", b.at().toString()).put("request_id", b.requestId())
        .put("model", b.model()));
    gaps(f).forEach(json.putArray("operator_must_supply")::add);
    return json;
  }

  private static String declared(String value) {
    return value == null ? NOT_DECLARED : value;
  }

  private static String orNone(String value) {
    return value == null ? "(none)" : value;
  }

  private static String counts(Map<String, Long> counts) {
    if (counts.isEmpty()) {
      return "none";
    }
    List<String> parts = new ArrayList<>();
    counts.forEach((k, v) -> parts.add(v + " " + k));
    return String.join(", ", parts);
  }
}
