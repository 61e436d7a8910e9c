package dev.portcullis.guard;

import java.util.List;

/**
 * The guardrails of one target: those run on the request before the provider call ({@code before_request_hooks}
 * then {@code input_guardrails}) and those run on the answer ({@code after_request_hooks} then
 * {@code output_guardrails}). Parsed once with the routing config by {@link HooksParser}. Two hooks are equal when
 * they were parsed from the same JSON (checks have no equality of their own).
 *
 * @param source the JSON they were parsed from; empty for none
 */
public record Hooks(List<GuardrailRef> before, List<GuardrailRef> after, String source) {

  public static final Hooks NONE = new Hooks(List.of(), List.of(), "");

  public Hooks {
    before = List.copyOf(before);
    after = List.copyOf(after);
    java.util.Objects.requireNonNull(source, "source");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Hooks h && source.equals(h.source);
  }

  @Override
  public int hashCode() {
    return source.hashCode();
  }

  public boolean isEmpty() {
    return before.isEmpty() && after.isEmpty();
  }

  @Override
  public String toString() {
    return "Hooks[before " + before.size() + ", after " + after.size() + "]";
  }
}
