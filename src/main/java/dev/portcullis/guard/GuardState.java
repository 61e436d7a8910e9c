package dev.portcullis.guard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What the guardrails of one call found so far: the verdicts of the request's and the answer's guardrails (for
 * {@code hook_results}, the log row and the answer's status), and the call's redaction tags. Confined to the
 * call's event loop; exists only for calls that have guardrails.
 */
public final class GuardState {

  /** Portkey's status for an answer whose guardrail failed without deny. */
  public static final int FLAGGED_STATUS = 246;
  /** Portkey's status for a request or answer a guardrail refused. */
  public static final int DENIED_STATUS = 446;

  private final RedactionTags tags = new RedactionTags();
  private final List<GuardrailVerdict> before = new ArrayList<>(2);
  private final List<GuardrailVerdict> after = new ArrayList<>(2);

  public RedactionTags tags() {
    return tags;
  }

  void addBefore(GuardrailVerdict v) {
    before.add(v);
  }

  /** Adds an answer guardrail's verdict, or replaces the one of the same id (a stream's final verdict). */
  void putAfter(GuardrailVerdict v) {
    after.removeIf(existing -> existing.id().equals(v.id()));
    after.add(v);
  }

  public boolean denied() {
    return before.stream().anyMatch(GuardrailVerdict::denies) || after.stream().anyMatch(GuardrailVerdict::denies);
  }

  /** A guardrail failed without denying. */
  public boolean flagged() {
    return before.stream().anyMatch(v -> !v.verdict() && !v.deny()) || after.stream().anyMatch(v -> !v.verdict()
        && !v.deny());
  }

  public boolean transformed() {
    return before.stream().anyMatch(GuardrailVerdict::transformed)
        || after.stream().anyMatch(GuardrailVerdict::transformed);
  }

  /** The status of an answer that goes on: 246 when flagged, else 200. */
  public int answerStatus() {
    return flagged() ? FLAGGED_STATUS : 200;
  }

  /** The log row's verdict: {@code denied}, {@code flagged}, {@code redacted} or {@code passed}. */
  public String verdict() {
    return denied() ? "denied" : flagged() ? "flagged" : transformed() ? "redacted" : "passed";
  }

  /** {@code {"before_request_hooks": [...], "after_request_hooks": [...]}} as Portkey shapes it. */
  public ObjectNode hookResults() {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    write(out.putArray("before_request_hooks"), before);
    write(out.putArray("after_request_hooks"), after);
    return out;
  }

  private static void write(ArrayNode array, List<GuardrailVerdict> verdicts) {
    for (GuardrailVerdict v : verdicts) {
      ObjectNode g = array.addObject()
          .put("verdict", v.verdict())
          .put("id", v.id())
          .put("transformed", v.transformed())
          .put("deny", v.deny())
          .put("type", "guardrail")
          .put("async", false)
          .put("execution_time", v.executionMs());
      ArrayNode checks = g.putArray("checks");
      for (CheckVerdict c : v.checks()) {
        ObjectNode check = checks.addObject();
        check.put("id", c.id()).put("verdict", c.verdict());
        check.putObject("data").put("explanation", c.explanation());
        check.put("execution_time", c.executionMs());
      }
    }
  }

  @Override
  public String toString() {
    return "GuardState[" + verdict() + ", before " + before.size() + ", after " + after.size() + "]";
  }
}
