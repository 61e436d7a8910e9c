package dev.portcullis.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Precision and recall of {@code portcullis.pii} and {@code portcullis.secrets} per type over a labelled corpus
 * written for the project: positives of every type in several formats, and hard negatives (order numbers failing
 * Luhn, version strings, git hashes, UUIDs, dates and times that look like phone numbers or addresses, invalid
 * IBAN checksums and SSNs). Each type must reach 0.97 in both.
 */
class DetectionCorpusTest {

  private static final double FLOOR = 0.97;

  private record Case(Set<String> expected, String text) {}

  @Test
  void everyTypeReachesPrecisionAndRecallOf97Percent() throws IOException {
    List<Case> corpus = corpus();
    assertThat(corpus).hasSizeGreaterThanOrEqualTo(400);
    PiiCheck pii = new PiiCheck(List.copyOf(PiiCheck.DETECTORS.keySet()), false);
    SecretsCheck secrets = new SecretsCheck(false);
    Map<String, int[]> counts = new TreeMap<>();
    StringBuilder misses = new StringBuilder();
    for (Case c : corpus) {
      Set<String> found = new HashSet<>();
      pii.detect(c.text()).forEach(d -> found.add(d.type()));
      secrets.detect(c.text()).forEach(d -> found.add(d.type()));
      Set<String> types = new HashSet<>(found);
      types.addAll(c.expected());
      for (String type : types) {
        int[] tpFpFn = counts.computeIfAbsent(type, t -> new int[3]);
        boolean want = c.expected().contains(type);
        boolean got = found.contains(type);
        if (want && got) {
          tpFpFn[0]++;
        } else if (got) {
          tpFpFn[1]++;
          misses.append("false ").append(type).append(": ").append(c.text()).append('\n');
        } else {
          tpFpFn[2]++;
          misses.append("missed ").append(type).append(": ").append(c.text()).append('\n');
        }
      }
    }
    StringBuilder report = new StringBuilder("type precision recall (tp/fp/fn)\n");
    counts.forEach((type, n) -> report.append(String.format("%-18s %.3f %.3f (%d/%d/%d)%n", type,
        precision(n), recall(n), n[0], n[1], n[2])));
    System.out.println(report);
    counts.forEach((type, n) -> {
      assertThat(precision(n)).as("precision of %s%n%s%s", type, report, misses).isGreaterThanOrEqualTo(FLOOR);
      assertThat(recall(n)).as("recall of %s%n%s%s", type, report, misses).isGreaterThanOrEqualTo(FLOOR);
    });
  }

  private static double precision(int[] n) {
    return n[0] + n[1] == 0 ? 1 : (double) n[0] / (n[0] + n[1]);
  }

  private static double recall(int[] n) {
    return n[0] + n[2] == 0 ? 1 : (double) n[0] / (n[0] + n[2]);
  }

  private static List<Case> corpus() throws IOException {
    try (InputStream in = DetectionCorpusTest.class.getResourceAsStream("/guard/pii-secrets-corpus.tsv")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(line -> !line.startsWith("#") && !line.isBlank())
          .map(line -> {
            int tab = line.indexOf('\t');
            String labels = line.substring(0, tab);
            return new Case(labels.equals("-") ? Set.of() : Set.copyOf(Arrays.asList(labels.split(","))),
                line.substring(tab + 1));
          })
          .toList();
    }
  }
}
