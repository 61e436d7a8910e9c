package dev.portcullis.routing.smart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ProviderScoresTest {

  @Test
  void untriedProviderHasNoHealth() {
    assertThat(new ProviderScores().health("groq")).isNull();
  }

  @Test
  void firstSampleSetsTheAveragesThenEachSampleMovesThemByAlpha() {
    ProviderScores scores = new ProviderScores();
    scores.record("groq", 100, false);
    scores.record("groq", 200, true);
    ProviderScores.Health h = scores.health("groq");
    assertThat(h.latencyMs()).isCloseTo(120.0, within(1e-9));
    assertThat(h.errorRate()).isCloseTo(0.2, within(1e-9));
    assertThat(h.samples()).isEqualTo(2);
  }
}
