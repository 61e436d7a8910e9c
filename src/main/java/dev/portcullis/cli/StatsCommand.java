package dev.portcullis.cli;

import dev.portcullis.config.ConfigLoader;
import dev.portcullis.observe.RequestLogQuery;
import dev.portcullis.observe.analytics.Analytics;
import dev.portcullis.observe.analytics.GroupBy;
import dev.portcullis.observe.analytics.Summary;
import dev.portcullis.observe.analytics.TimeBucket;
import dev.portcullis.store.Database;
import dev.portcullis.time.GatewayClock;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code portcullis stats}: the analytics summary of the request log as a table, over the last 24 hours unless
 * {@code --from}/{@code --to} say otherwise; one row per group with {@code --group-by}, per time bucket with
 * {@code --bucket}. Reads the database the gateway uses (the data directory, or {@code PORTCULLIS_DATABASE_URL}).
 */
@Command(name = "stats", mixinStandardHelpOptions = true,
    description = "Requests, errors, latency, tokens, cost and cache from the request log, as a table.")
public final class StatsCommand implements Callable<Integer> {

  @Option(names = {"-c", "--config"}, description = "YAML config file")
  Path configFile;

  @Mixin LogFilterOptions filters;

  @ArgGroup(exclusive = true)
  Split split;

  /** At most one way of splitting the rows. */
  static final class Split {
    @Option(names = "--group-by", description = "model, provider, api_key, virtual_key, workspace, user or "
        + "metadata.<key>")
    String groupBy;

    @Option(names = "--bucket", description = "minute, hour or day")
    String bucket;
  }

  @Override
  public Integer call() {
    GroupBy groupBy = split == null || split.groupBy == null ? null : GroupBy.parse(split.groupBy);
    TimeBucket bucket = split == null || split.bucket == null ? null : TimeBucket.parse(split.bucket);
    RequestLogQuery query = Analytics.window(filters.query().build(), GatewayClock.system().instant());
    try (Database database = Database.open(new ConfigLoader(System.getenv()).load(configFile).databaseUrl())) {
      Analytics analytics = new Analytics(database);
      CliTable table = new CliTable("%-24s  %9s  %7s  %6s  %9s  %9s  %9s  %9s  %11s  %11s  %12s  %6s  %10s",
          groupBy != null ? groupBy.label().toUpperCase(Locale.ROOT) : bucket != null ? "START" : "SCOPE",
          "REQUESTS", "ERRORS", "ERR%", "P50_MS", "P90_MS", "P99_MS", "TTFT_P50", "IN_TOKENS", "OUT_TOKENS",
          "COST_USD", "HIT%", "SAVED_USD");
      if (groupBy != null) {
        analytics.groups(query, groupBy).forEach(g -> row(table, g.value() == null ? "(none)" : g.value(),
            g.summary()));
      } else if (bucket != null) {
        analytics.timeseries(query, bucket).forEach(p -> row(table, p.start().toString(), p.summary()));
      } else {
        row(table, "total", analytics.summary(query));
      }
    }
    return 0;
  }

  private static void row(CliTable table, String label, Summary s) {
    table.row(label, s.requests(), s.errors(), percent(s.errorRate()), millis(s.latencyP50()),
        millis(s.latencyP90()), millis(s.latencyP99()), millis(s.ttftP50()), s.inputTokens(), s.outputTokens(),
        String.format(Locale.ROOT, "%.6f", s.costUsd()), percent(s.cacheHitRate()),
        String.format(Locale.ROOT, "%.6f", s.cacheSavedUsd()));
  }

  private static String percent(double rate) {
    return String.format(Locale.ROOT, "%.1f", rate * 100);
  }

  private static String millis(Double value) {
    return value == null ? "-" : String.format(Locale.ROOT, "%.1f", value);
  }
}
