package dev.portcullis.guard;

import java.util.Objects;

/**
 * One check of a guardrail as configured: its id as written ({@code default.contains}), what runs it (a local
 * check or a webhook, exactly one), and {@code not}, which inverts its verdict.
 */
public record ConfiguredCheck(String id, Check check, WebhookCheck webhook, boolean not) {

  public ConfiguredCheck {
    Objects.requireNonNull(id, "id");
    if ((check == null) == (webhook == null)) {
      throw new IllegalArgumentException("a check runs locally or as a webhook: " + id);
    }
  }

  /** The outcome with {@code not} applied. */
  CheckOutcome applyNot(CheckOutcome outcome) {
    return not ? new CheckOutcome(!outcome.verdict(), outcome.explanation() + " (inverted by not)") : outcome;
  }
}
