package dev.portcullis.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The in-process index on hand-made unit vectors: threshold, guard, groups, max age and purges. */
class SemanticIndexTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
  private final SemanticIndex index = new SemanticIndex(1 << 20, 0.9f, clock);

  private static float[] unit(double angle) {
    return new float[] {(float) Math.cos(angle), (float) Math.sin(angle)};
  }

  private static SemanticQuestion question(String workspace, String group, String text) {
    return new SemanticQuestion(new CacheKey(workspace, "", group), text);
  }

  private static CacheKey answer(int n) {
    return new CacheKey("ws", "", "answer-" + n);
  }

  @Test
  void theClosestQuestionAboveTheThresholdOfTheSameGroupAnswers() {
    index.add(question("ws", "g", "How fast is light?"), unit(0), answer(1), Duration.ofMinutes(1));
    index.add(question("ws", "g", "How fast is sound?"), unit(0.3), answer(2), Duration.ofMinutes(1));

    assertThat(index.nearest(question("ws", "g", "How quick is light?"), unit(0.05))).isEqualTo(answer(1));
    assertThat(index.nearest(question("ws", "g", "How quick is light?"), unit(1.0))).isNull();
    assertThat(index.nearest(question("ws", "other", "How quick is light?"), unit(0))).isNull();
    assertThat(index.nearest(question("other", "g", "How quick is light?"), unit(0))).isNull();
  }

  @Test
  void theGuardRefusesACloseVectorOfAQuestionWithAnotherNumber() {
    index.add(question("ws", "g", "Convert 5 km to miles."), unit(0), answer(1), Duration.ofMinutes(1));

    assertThat(index.nearest(question("ws", "g", "Convert 50 km to miles."), unit(0))).isNull();
  }

  @Test
  void aQuestionIsForgottenAfterItsMaxAgeOrAPurge() {
    index.add(question("ws", "g", "How fast is light?"), unit(0), answer(1), Duration.ofMinutes(1));
    index.add(question("ws", "h", "How fast is light?"), unit(0), answer(2), Duration.ofMinutes(10));
    clock.advance(Duration.ofMinutes(2));

    assertThat(index.nearest(question("ws", "g", "How fast is light?"), unit(0))).isNull();
    assertThat(index.nearest(question("ws", "h", "How fast is light?"), unit(0))).isEqualTo(answer(2));
    index.purge("ws", null);
    assertThat(index.nearest(question("ws", "h", "How fast is light?"), unit(0))).isNull();
  }
}
