package dev.portcullis.guard;

import java.util.List;

/**
 * One guardrail's result: passed when every check passed; {@code transformed} when a check rewrote the text.
 *
 * @param executionMs how long its checks ran, in milliseconds
 */
public record GuardrailVerdict(String id, boolean verdict, boolean deny, boolean transformed,
    List<CheckVerdict> checks, double executionMs) {

  public GuardrailVerdict {
    checks = List.copyOf(checks);
  }

  /** Whether this guardrail refuses: it failed and denies. */
  public boolean denies() {
    return !verdict && deny;
  }
}
