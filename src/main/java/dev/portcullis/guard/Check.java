package dev.portcullis.guard;

/**
 * One configured check of a guardrail. Its verdict is {@code true} when the text passes it, as Portkey defines it.
 * A check reads what its id says: Portkey's {@code default.*} checks read {@link GuardSubject#lastText()}, ours
 * ({@code portcullis.*}) read {@link GuardSubject#texts()}.
 */
public interface Check {

  /** The verdict on {@code subject}; never holds the matched text itself. */
  CheckOutcome run(GuardSubject subject);
}
