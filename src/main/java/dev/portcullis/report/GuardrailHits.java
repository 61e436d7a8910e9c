package dev.portcullis.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What guardrails caught, tallied from the log rows' {@code guardrail_verdict} and {@code hook_results}: rows by
 * verdict, hits by check id, and findings by type. A hit is a check that failed or redacted. Span checks name their
 * findings in the explanation ({@code found 2 EMAIL, 1 CARD}, {@code redacted 1 API_KEY}), counted by type; a
 * prompt-injection hit counts as {@code PROMPT_INJECTION}; any other check's hit counts under its own id.
 */
public final class GuardrailHits {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern FINDINGS = Pattern.compile("(?:found|redacted) (.+)");
  private static final Pattern FINDING = Pattern.compile("(\\d+) (\\S+)");
  private static final String INJECTION_CHECK = "portcullis.promptInjection";

  private final Map<String, Long> byVerdict = new TreeMap<>();
  private final Map<String, Long> byCheck = new TreeMap<>();
  private final Map<String, Long> byType = new TreeMap<>();

  /** Counts one log row. */
  void add(String verdict, String hookResults) {
    byVerdict.merge(verdict, 1L, Long::sum);
    JsonNode results;
    try {
      results = JSON.readTree(hookResults);
    } catch (JsonProcessingException e) {
      return;
    }
    for (String hooks : new String[] {"before_request_hooks", "after_request_hooks"}) {
      for (JsonNode guardrail : results.path(hooks)) {
        for (JsonNode check : guardrail.path("checks")) {
          addCheck(check.path("id").asText(), check.path("verdict").asBoolean(true),
              check.path("data").path("explanation").asText(""));
        }
      }
    }
  }

  private void addCheck(String id, boolean passed, String explanation) {
    Matcher findings = FINDINGS.matcher(explanation);
    boolean redacted = explanation.startsWith("redacted ");
    if (passed && !redacted) {
      return;
    }
    byCheck.merge(id, 1L, Long::sum);
    if (findings.matches()) {
      Matcher finding = FINDING.matcher(findings.group(1));
      while (finding.find()) {
        byType.merge(finding.group(2), Long.parseLong(finding.group(1)), Long::sum);
      }
    } else {
      byType.merge(id.equals(INJECTION_CHECK) ? "PROMPT_INJECTION" : id, 1L, Long::sum);
    }
  }

  /** Log rows by guardrail verdict ({@code denied}, {@code flagged}, {@code redacted}). */
  public Map<String, Long> byVerdict() {
    return Map.copyOf(byVerdict);
  }

  /** Hits by check id. */
  public Map<String, Long> byCheck() {
    return Map.copyOf(byCheck);
  }

  /** Findings by type: PII types ({@code EMAIL}, {@code CARD}...), secret types, {@code PROMPT_INJECTION}... */
  public Map<String, Long> byType() {
    return Map.copyOf(byType);
  }
}
