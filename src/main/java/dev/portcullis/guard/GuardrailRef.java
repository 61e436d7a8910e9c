package dev.portcullis.guard;

import java.util.Objects;

/** A guardrail as a config names it: written inline, or saved and referenced by its id. */
public sealed interface GuardrailRef {

  /** A guardrail written in the config itself. */
  record Inline(Guardrail guardrail) implements GuardrailRef {
    public Inline {
      Objects.requireNonNull(guardrail, "guardrail");
    }
  }

  /** A saved guardrail ({@code /admin/v1/guardrails}), looked up when a request uses it. */
  record Saved(String id) implements GuardrailRef {
    public Saved {
      Objects.requireNonNull(id, "id");
    }
  }
}
