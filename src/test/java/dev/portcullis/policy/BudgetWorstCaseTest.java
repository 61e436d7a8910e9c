package dev.portcullis.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a budget reserves before a call: the most the request can cost at the catalog's prices. */
class BudgetWorstCaseTest {

  private final Governance governance = new Governance(null, PriceCatalog.bundled(), null);

  @Test
  void requestWithoutMaxTokensReservesTheModelsOutputLimit() {
    // claude-sonnet-4-5: $3 in, $15 out per million, 64,000 output tokens at most
    assertThat(governance.worstCaseMicros("ws-root", "anthropic", "claude-sonnet-4-5", 1_000, 0))
        .isEqualTo(3_000 + 960_000);
  }

  @Test
  void requestsOwnMaximumWinsOverTheModelsLimit() {
    assertThat(governance.worstCaseMicros("ws-root", "anthropic", "claude-sonnet-4-5", 1_000, 100))
        .isEqualTo(3_000 + 1_500);
  }

  @Test
  void modelWhoseLimitIsUnknownReservesTheDefaultOutput() {
    // mistral-large-latest: $2 in, $6 out per million; no output limit in the catalog
    assertThat(governance.worstCaseMicros("ws-root", "mistral-ai", "mistral-large-latest", 1_000, 0))
        .isEqualTo(2_000 + 4_096 * 6);
  }

  @Test
  void unknownProviderReservesTheDearestProviderOfTheModelEachAtItsOwnLimit() {
    // gpt-4o by that id: openai, $10 per million out, 16,384 output tokens at most
    assertThat(governance.worstCaseMicros("ws-root", null, "gpt-4o", 0, 0)).isEqualTo(163_840);
  }
}
