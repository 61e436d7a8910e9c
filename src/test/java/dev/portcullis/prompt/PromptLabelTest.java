package dev.portcullis.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.error.GatewayException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PromptLabelTest {

  @Test
  void aNinetyTenSplitSendsAboutATenthToTheSecondVersionOver2000Draws() {
    PromptLabel label = label(new PromptLabel.WeightedVersion(3, 90), new PromptLabel.WeightedVersion(4, 10));
    SplittableRandom random = new SplittableRandom(20261208);

    Map<Integer, Long> drawn = IntStream.range(0, 2_000).map(i -> label.pick(random)).boxed()
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));

    assertThat(drawn.keySet()).containsExactlyInAnyOrder(3, 4);
    // 10% of 2,000 is 200, with a standard deviation of about 13.4: 3.5 of them either side.
    assertThat(drawn.get(4)).isBetween(153L, 247L);
    assertThat(drawn.get(3) + drawn.get(4)).isEqualTo(2_000L);
  }

  @Test
  void aVersionOfWeightZeroIsNeverDrawn() {
    PromptLabel label = label(new PromptLabel.WeightedVersion(1, 0), new PromptLabel.WeightedVersion(2, 5));
    SplittableRandom random = new SplittableRandom(7);

    assertThat(IntStream.range(0, 500).map(i -> label.pick(random))).containsOnly(2);
  }

  @Test
  void thePartialOfASplitLabelIsItsLargestShare() {
    assertThat(label(new PromptLabel.WeightedVersion(3, 10), new PromptLabel.WeightedVersion(4, 90)).main())
        .isEqualTo(4);
  }

  @Test
  void aLabelWithoutWeightIsRefused() {
    assertThatThrownBy(() -> label(new PromptLabel.WeightedVersion(1, 0)))
        .isInstanceOf(GatewayException.BadRequest.class).hasMessageStartingWith("versions:");
  }

  private static PromptLabel label(PromptLabel.WeightedVersion... versions) {
    return new PromptLabel("pp-1", "production", List.of(versions), Instant.EPOCH);
  }
}
