package dev.portcullis.cli;

import static dev.portcullis.observe.RequestRecords.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.Portcullis;
import dev.portcullis.observe.RequestLogWriter;
import dev.portcullis.observe.RequestRecord;
import dev.portcullis.store.Database;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code portcullis stats} and {@code portcullis logs export} over the database of the configured data directory. */
class ObserveCommandsTest {

  private static final Instant T0 = Instant.parse("2025-01-31T09:00:00Z");
  private static final String DAY = "--from=2025-01-31T00:00:00Z --to=2025-02-01T00:00:00Z";

  @TempDir Path dir;

  private record Run(int exit, String out, String err) {}

  @BeforeEach
  void storeRows() throws Exception {
    Files.writeString(dir.resolve("portcullis.yaml"), "data_dir: " + dir.resolve("data") + "\n");
    try (Database database = Database.open("jdbc:sqlite:" + dir.resolve("data").resolve("portcullis.db"))) {
      RequestLogWriter writer = RequestLogWriter.start(database.dataSource());
      for (RequestRecord r : List.of(request("a", T0).model("gpt-4o").build(),
          request("b", T0.plusSeconds(60)).model("gpt-4o").status(500).build(),
          request("c", T0.plusSeconds(3600)).model("claude").metadata("team", "search").build())) {
        writer.record(r);
      }
      writer.close();
    }
  }

  @Test
  void statsPrintsTheSummaryAsATableWithAHeaderRow() throws Exception {
    Run run = run(("stats " + DAY).split(" "));

    assertThat(run.exit()).as(run.err()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines.getFirst().split(" +")).startsWith("SCOPE", "REQUESTS", "ERRORS", "ERR%", "P50_MS");
    assertThat(lines.get(1).split(" +")).startsWith("total", "3", "1", "33.3", "117.4");
    assertThat(lines).hasSize(2);
  }

  @Test
  void statsGroupsAndBucketsWithTheLogsFilters() throws Exception {
    Run byModel = run(("stats " + DAY + " --group-by model").split(" "));
    Run hourly = run(("stats " + DAY + " --bucket hour --metadata team=search").split(" "));

    assertThat(byModel.out().lines().skip(1).map(l -> l.split(" +")[0] + "=" + l.split(" +")[1]))
        .containsExactly("gpt-4o=2", "claude=1");
    assertThat(hourly.out().lines().skip(1).map(l -> l.split(" +")[0] + "=" + l.split(" +")[1]))
        .containsExactly("2025-01-31T10:00:00Z=1");
  }

  @Test
  void badFilterValuesAreRefusedWithTheAdminApisMessage() throws Exception {
    Run status = run("stats", "--status", "abc");
    Run groupBy = run("stats", "--group-by", "colour");

    assertThat(status.exit()).isEqualTo(2);
    assertThat(status.err().strip()).isEqualTo("portcullis: status: 'abc' (expected: an HTTP status code 100..599)");
    assertThat(groupBy.exit()).isEqualTo(2);
    assertThat(groupBy.err()).contains("group_by: 'colour' (expected: one of model, provider");
  }

  @Test
  void logsExportWritesCsvToAFileOrJsonLinesToStandardOutput() throws Exception {
    Path csv = dir.resolve("out.csv");
    Run toFile = run("logs", "export", "--format", "csv", "--model", "gpt-4o", "-o", csv.toString());
    Run toStdout = run("logs", "export");

    assertThat(toFile.exit()).as(toFile.err()).isZero();
    List<String> lines = Files.readAllLines(csv);
    assertThat(lines.getFirst()).startsWith("id,trace_id,started_at,");
    assertThat(lines.stream().skip(1).map(l -> l.split(",")[0])).containsExactly("a", "b");
    assertThat(toStdout.out().lines().map(l -> l.substring(0, l.indexOf(',')))).containsExactly(
        "{\"id\":\"a\"", "{\"id\":\"b\"", "{\"id\":\"c\"");
  }

  private Run run(String... args) {
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      String[] withConfig = new String[args.length + 2];
      System.arraycopy(args, 0, withConfig, 0, args.length);
      withConfig[args.length] = "-c";
      withConfig[args.length + 1] = dir.resolve("portcullis.yaml").toString();
      int exit = Portcullis.commandLine().execute(withConfig);
      return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
    }
  }
}
