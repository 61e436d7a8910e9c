package dev.portcullis.bench;

import dev.portcullis.observe.RequestLogQuery;
import dev.portcullis.observe.RequestLogWriter;
import dev.portcullis.observe.RequestRecord;
import dev.portcullis.observe.analytics.Analytics;
import dev.portcullis.observe.analytics.GroupBy;
import dev.portcullis.observe.analytics.TimeBucket;
import dev.portcullis.store.Database;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * How long analytics takes over a large request log: fills a database with generated rows through the request log
 * writer (so rollups are written as in production), then times a summary, groupings and time series over the last
 * 24 hours. Traffic: 20 gateway keys in 5 workspaces, each with its own user and two of 6 models (each model on one
 * of 4 providers), 3% errors, 30% streams, log-normal latencies, a cost and a cache status on every row, arriving in
 * time order over 24 hours.
 *
 * <p>Run: {@code mvnj -o -q test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt} then {@code java -cp
 * target/test-classes:target/classes:$(cat cp.txt) dev.portcullis.bench.LogAnalyticsBench <database url> [rows]},
 * e.g. {@code jdbc:sqlite:/tmp/bench.db 1000000} or {@code postgres://postgres@127.0.0.1:5432/test 1000000}. An
 * existing log is used as it is when it already holds rows.
 */
public final class LogAnalyticsBench {

  private static final String[] MODELS = {"gpt-4o", "gpt-4o-mini", "claude-sonnet", "claude-haiku", "gemini-pro",
      "llama-3"};
  private static final String[] PROVIDERS = {"openai", "openai", "anthropic", "anthropic", "google", "groq"};
  private static final int[] ERRORS = {429, 500, 502};

  private LogAnalyticsBench() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    int rows = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    Instant end = Instant.parse("2026-12-07T00:00:00Z");
    try (Database database = Database.open(url)) {
      Analytics analytics = new Analytics(database);
      RequestLogQuery day = RequestLogQuery.newest().from(end.minus(Duration.ofHours(24))).to(end).build();
      long existing = analytics.summary(day).requests();
      if (existing == 0) {
        long started = System.nanoTime();
        generate(database, rows, end);
        System.out.printf("generated %,d rows in %.1f s%n", rows, (System.nanoTime() - started) / 1e9);
      } else {
        System.out.printf("using the %,d rows already there%n", existing);
      }
      time("summary", () -> analytics.summary(day).requests());
      time("groups by model", () -> analytics.groups(day, GroupBy.parse("model")).size());
      time("groups by api_key", () -> analytics.groups(day, GroupBy.parse("api_key")).size());
      time("timeseries by hour", () -> analytics.timeseries(day, TimeBucket.HOUR).size());
      time("timeseries by minute", () -> analytics.timeseries(day, TimeBucket.MINUTE).size());
      RequestLogQuery oneKey = RequestLogQuery.newest().from(day.from()).to(end).apiKeyId("key-7").build();
      time("summary of one key", () -> analytics.summary(oneKey).requests());
      RequestLogQuery team = RequestLogQuery.newest().from(day.from()).to(end).metadata("team", "search").build();
      time("summary with a metadata filter (reads rows)", () -> analytics.summary(team).requests());
    }
  }

  private static void generate(Database database, int rows, Instant end) throws InterruptedException {
    SplittableRandom random = new SplittableRandom(42);
    long start = end.minus(Duration.ofHours(24)).toEpochMilli();
    long step = Duration.ofHours(24).toMillis() / rows;
    RequestLogWriter writer = RequestLogWriter.start(database.dataSource());
    for (int i = 0; i < rows; i++) {
      int key = random.nextInt(20);
      int model = (key + random.nextInt(2)) % MODELS.length;
      boolean stream = random.nextInt(10) < 3;
      int status = random.nextInt(100) < 3 ? ERRORS[random.nextInt(ERRORS.length)] : 200;
      long latency = (long) Math.exp(6 + 0.7 * random.nextDouble(-2, 2));
      writer.record(RequestRecord.builder("r" + i, Instant.ofEpochMilli(start + i * step))
          .workspaceId("ws-" + key % 5).apiKeyId("key-" + key).userId("user-" + key)
          .virtualKey(PROVIDERS[model] + "-prod").provider(PROVIDERS[model]).model(MODELS[model]).method("POST")
          .path("/v1/chat/completions").status(status).stream(stream).latencyMs(latency)
          .ttfbMs(stream ? latency / 4 : null).tokens(random.nextInt(10, 2000), random.nextInt(1, 800), null, null,
              null)
          .metadata(Map.of("team", random.nextBoolean() ? "search" : "ads"))
          .cost(BigDecimal.valueOf(random.nextInt(1, 10_000), 6), "priced")
          .cache(random.nextInt(3) == 0 ? "HIT" : "MISS", BigDecimal.valueOf(1, 4))
          .build());
      if (i % 50_000 == 49_999) {
        while (writer.written() + writer.dropped() < i + 1) {
          Thread.sleep(20);
        }
      }
    }
    writer.close();
    if (writer.dropped() > 0) {
      throw new IllegalStateException(writer.dropped() + " rows dropped while generating");
    }
  }

  private static void time(String what, Supplier<Object> query) {
    long[] millis = new long[5];
    Object result = null;
    for (int i = 0; i < millis.length; i++) {
      long started = System.nanoTime();
      result = query.get();
      millis[i] = (System.nanoTime() - started) / 1_000_000;
    }
    Arrays.sort(millis);
    System.out.printf("%-45s median %5d ms, max %5d ms (result %s)%n", what, millis[2], millis[4], result);
  }
}
