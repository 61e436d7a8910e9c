package dev.portcullis.observe;

import static dev.portcullis.observe.RequestRecords.at;
import static dev.portcullis.observe.RequestRecords.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.store.Database;
import dev.portcullis.store.Page;
import dev.portcullis.store.PostgresTestSchema;
import java.nio.file.Path;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestLogRepositoryTest {

  private static final Instant T0 = Instant.parse("2025-01-31T09:30:00Z");

  @Nested
  class OnSqlite extends Rules {
    @TempDir Path dir;

    @Override
    Database open() {
      return Database.open("jdbc:sqlite:" + dir.resolve("portcullis.db"));
    }
  }

  @Nested
  class OnPostgresql extends Rules {
    private PostgresTestSchema schema;

    @Override
    Database open() throws SQLException {
      schema = PostgresTestSchema.create();
      return Database.open(schema.jdbcUrl());
    }

    @AfterEach
    void dropSchema() throws SQLException {
      schema.close();
    }
  }

  abstract static class Rules {
    private Database database;
    private RequestLogRepository repository;

    abstract Database open() throws SQLException;

    @BeforeEach
    void openDatabase() throws SQLException {
      database = open();
      repository = new RequestLogRepository(database);
    }

    @AfterEach
    void closeDatabase() {
      database.close();
    }

    @Test
    void rowsComeNewestFirst() throws SQLException {
      store(at("old", 1_000), at("new", 3_000), at("middle", 2_000));

      assertThat(ids(repository.find(RequestLogQuery.newest().build()))).containsExactly("new", "middle", "old");
    }

    @Test
    void fromIsInclusiveAndToExclusive() throws SQLException {
      store(at("before", 999), at("first", 1_000), at("last", 1_999), at("after", 2_000));

      Page<RequestRecord> page = repository.find(
          RequestLogQuery.newest().from(Instant.ofEpochMilli(1_000)).to(Instant.ofEpochMilli(2_000)).build());

      assertThat(ids(page)).containsExactly("last", "first");
    }

    @Test
    void eachColumnFilterKeepsOnlyMatchingRows() throws SQLException {
      store(
          request("plain", T0).build(),
          request("model", T0.plusMillis(1)).model("claude-sonnet-4").build(),
          request("provider", T0.plusMillis(2)).provider("anthropic").build(),
          request("status", T0.plusMillis(3)).status(429).build(),
          request("key", T0.plusMillis(4)).apiKey("key-2").build(),
          request("workspace", T0.plusMillis(5)).workspace("team-a").build());

      assertThat(ids(repository.find(RequestLogQuery.newest().model("claude-sonnet-4").build()))).containsExactly("model");
      assertThat(ids(repository.find(RequestLogQuery.newest().provider("anthropic").build()))).containsExactly("provider");
      assertThat(ids(repository.find(RequestLogQuery.newest().status(429).build()))).containsExactly("status");
      assertThat(ids(repository.find(RequestLogQuery.newest().apiKeyId("key-2").build()))).containsExactly("key");
      assertThat(ids(repository.find(RequestLogQuery.newest().workspaceId("team-a").build()))).containsExactly("workspace");
      assertThat(ids(repository.find(RequestLogQuery.newest().status(200).provider("openai").workspaceId("default").build())))
          .containsExactly("key", "model", "plain");
    }

    @Test
    void everyMetadataFilterMustMatch() throws SQLException {
      store(
          request("both", T0).metadata("team", "search").metadata("env", "prod").build(),
          request("team-only", T0.plusMillis(1)).metadata("team", "search").metadata("env", "dev").build(),
          request("none", T0.plusMillis(2)).build());

      assertThat(ids(repository.find(RequestLogQuery.newest().metadata("team", "search").build())))
          .containsExactly("team-only", "both");
      assertThat(ids(repository.find(RequestLogQuery.newest().metadata("team", "search").metadata("env", "prod").build())))
          .containsExactly("both");
      assertThat(ids(repository.find(RequestLogQuery.newest().metadata("team", "Search").build()))).isEmpty();
    }

    @Test
    void aMetadataKeyWithDotsIsOneKeyNotAPath() throws SQLException {
      store(request("dotted", T0).metadata("app.version", "1.2").build(), request("other", T0.plusMillis(1)).build());

      assertThat(ids(repository.find(RequestLogQuery.newest().metadata("app.version", "1.2").build())))
          .containsExactly("dotted");
    }

    @Test
    void pagingReturnsEveryRowExactlyOnceEvenWhenStartTimesTie() throws SQLException {
      List<RequestRecord> rows = new ArrayList<>();
      for (int i = 0; i < 23; i++) {
        rows.add(at(String.format("r%02d", i), 1_000 + i / 4));
      }
      store(rows.toArray(RequestRecord[]::new));

      List<String> seen = new ArrayList<>();
      RequestLogQuery.Builder query = RequestLogQuery.newest().limit(5);
      Page<RequestRecord> page = repository.find(query.build());
      int pages = 1;
      seen.addAll(ids(page));
      while (page.nextCursor() != null) {
        page = repository.find(query.after(RequestLogCursor.parse(page.nextCursor())).build());
        pages++;
        seen.addAll(ids(page));
      }

      assertThat(seen).doesNotHaveDuplicates().hasSize(23)
          .containsExactlyInAnyOrderElementsOf(rows.stream().map(RequestRecord::id).toList());
      assertThat(pages).isEqualTo(5);
    }

    @Test
    void aPageThatEndsTheLogHasNoCursor() throws SQLException {
      store(at("a", 1), at("b", 2), at("c", 3), at("d", 4));

      Page<RequestRecord> first = repository.find(RequestLogQuery.newest().limit(2).build());
      Page<RequestRecord> second = repository.find(
          RequestLogQuery.newest().limit(2).after(RequestLogCursor.parse(first.nextCursor())).build());

      assertThat(ids(first)).containsExactly("d", "c");
      assertThat(ids(second)).containsExactly("b", "a");
      assertThat(second.nextCursor()).isNull();
    }

    @Test
    void everyFieldSurvivesTheRoundTrip() throws SQLException {
      RequestRecord full = RequestRecord.builder("full", Instant.parse("2025-01-31T09:30:00.123Z"))
          .traceId("trace-1").workspaceId("team-a").apiKeyId("key-9").virtualKey("openai-prod").provider("openai")
          .model("gpt-4o").method("POST").path("/v1/chat/completions").status(502).stream(true).latencyMs(1_234)
          .ttfbMs(56L).tokens(10, 20, 30, 4, 6).metadata(Map.of("team", "search", "_user", "ada")).userId("ada")
          .error("api_error", "upstream said no").retries(-1).fallbackIndex("config.targets[1]")
          .attempts(List.of(new AttemptRecord("config.targets[0]", "openai", "gpt-4o", "openai-prod", 503,
              "api_error", 40), new AttemptRecord("config.targets[1]", "anthropic", "claude", null, 0, "timeout", 9)))
          .cost(new BigDecimal("0.000125"), "priced").cache("MISS", null).policy(List.of("pol-1", "pol-2"), "allow")
          .guardrails("flagged", "{\"before_request_hooks\":[]}").prompt("prm-1", 3, "production").build();
      RequestRecord sparse = RequestRecord.builder("sparse", Instant.parse("2025-01-31T09:30:00Z"))
          .workspaceId("default").method("GET").path("/v1/models").status(401).latencyMs(3)
          .error("authentication_error", null).build();
      store(full, sparse);

      assertThat(repository.find(RequestLogQuery.newest().build()).items()).containsExactly(full, sparse);
    }

    private void store(RequestRecord... records) {
      RequestLogWriter writer = RequestLogWriter.start(database.dataSource());
      for (RequestRecord record : records) {
        writer.record(record);
      }
      writer.close();
      assertThat(writer.written()).isEqualTo(records.length);
    }

    private static List<String> ids(Page<RequestRecord> page) {
      return page.items().stream().map(RequestRecord::id).toList();
    }
  }
}
