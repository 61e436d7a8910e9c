package dev.portcullis.guard;

import java.util.List;
import java.util.Objects;

/**
 * A guardrail: checks that must all pass, and what a failure does: with {@code deny}, a failed input guardrail
 * refuses the request (446) and a failed output guardrail replaces the answer with that refusal; without it the
 * answer goes on, flagged (246).
 *
 * @param id the guardrail's id ({@code hook_results} names it)
 */
public record Guardrail(String id, List<ConfiguredCheck> checks, boolean deny) {

  public Guardrail {
    Objects.requireNonNull(id, "id");
    checks = List.copyOf(checks);
  }

  /** Whether any check calls a webhook (which runs on requests only). */
  boolean callsWebhook() {
    return checks.stream().anyMatch(c -> c.webhook() != null);
  }

  @Override
  public String toString() {
    return "Guardrail[" + id + " " + checks.stream().map(ConfiguredCheck::id).toList() + (deny ? " deny" : "") + "]";
  }
}
