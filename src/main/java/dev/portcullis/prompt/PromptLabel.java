package dev.portcullis.prompt;

import dev.portcullis.error.GatewayException;
import java.time.Instant;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A named pointer at a prompt's versions ({@code production}, {@code staging}, any name): one version, or several
 * splitting the traffic by weight for an A/B test.
 *
 * @param versions the versions with their weights; at least one, weights summing to more than 0
 */
public record PromptLabel(String promptId, String label, List<WeightedVersion> versions, Instant updatedAt) {

  /** One version a label points at and its share of the traffic (relative to the other weights). */
  public record WeightedVersion(int version, int weight) {}

  public PromptLabel {
    versions = List.copyOf(versions);
    if (versions.isEmpty() || versions.stream().mapToInt(WeightedVersion::weight).sum() <= 0) {
      throw GatewayException.badRequest("versions: " + versions + " (expected: at least one version with a weight "
          + "above 0)", "versions");
    }
  }

  /** The version a call gets: each with the chance its weight gives it. */
  public int pick(RandomGenerator random) {
    int total = versions.stream().mapToInt(WeightedVersion::weight).sum();
    int draw = random.nextInt(total);
    for (WeightedVersion v : versions) {
      draw -= v.weight();
      if (draw < 0) {
        return v.version();
      }
    }
    throw new IllegalStateException("no version drawn from " + versions);
  }

  /** The version with the largest share (the first of equals): what a partial renders. */
  public int main() {
    WeightedVersion best = versions.getFirst();
    for (WeightedVersion v : versions) {
      if (v.weight() > best.weight()) {
        best = v;
      }
    }
    return best.version();
  }
}
