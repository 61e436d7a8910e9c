package dev.portcullis.observe;

import static dev.portcullis.observe.RequestRecords.at;
import static dev.portcullis.observe.RequestRecords.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.store.Database;
import dev.portcullis.store.Page;
import dev.portcullis.store.PostgresTestSchema;
import java.nio.file.Path;
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
      RequestRecord full = new RequestRecord("full", "trace-1", Instant.parse("2025-01-31T09:30:00.123Z"), "team-a",
          "key-9", "openai-prod", "openai", "gpt-4o", "POST", "/v1/chat/completions", 502, true, 1_234, 56L, 10, 20, 30,
          Map.of("team", "search", "_user", "ada"), "api_error", "upstream said no");
      RequestRecord sparse = new RequestRecord("sparse", null, Instant.parse("2025-01-31T09:30:00Z"), "default", null,
          null, null, null, "GET", "/v1/models", 401, false, 3, null, null, null, null, Map.of(), "authentication_error",
          null);
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
