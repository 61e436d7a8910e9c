package dev.portcullis.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.store.Database;
import dev.portcullis.store.PostgresTestSchema;
import dev.portcullis.testing.MutableClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogRetentionTest {

  private static final Instant T0 = Instant.parse("2025-03-01T00:00:00Z");

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

    abstract Database open() throws SQLException;

    private final MutableClock clock = new MutableClock(T0);
    private Database database;

    @BeforeEach
    void openDatabase() throws SQLException {
      database = open();
      sql("INSERT INTO workspaces (id, parent_id, name, enabled, metadata, created_at, log_retention_days)"
          + " VALUES ('short', 'default', 'Short', 1, '{}', 0, 2)");
    }

    @AfterEach
    void close() {
      database.close();
    }

    @Test
    void rowsGoOnceOlderThanTheirWorkspacesRetentionOrTheDefault() throws SQLException {
      store(row("default-4d", "default", T0.minus(Duration.ofDays(4))),
          row("default-11d", "default", T0.minus(Duration.ofDays(11))),
          row("none-11d", null, T0.minus(Duration.ofDays(11))),
          row("short-1d", "short", T0.minus(Duration.ofDays(1))),
          row("short-3d", "short", T0.minus(Duration.ofDays(3))));
      LogRetention retention = new LogRetention(database, 10, 10, clock);

      LogRetention.Pruned pruned = retention.prune();

      assertThat(pruned.rows()).isEqualTo(3);
      assertThat(ids("SELECT id FROM request_logs ORDER BY id")).containsExactly("default-4d", "short-1d");
      assertThat(ids("SELECT workspace_id FROM request_log_rollups ORDER BY workspace_id"))
          .containsExactly("default", "short");
      assertThat(ids("SELECT workspace_id FROM request_log_rollups_hourly ORDER BY workspace_id"))
          .containsExactly("default", "short");

      clock.advance(Duration.ofDays(1).plusHours(1));
      assertThat(retention.prune().rows()).isEqualTo(1);
      assertThat(ids("SELECT id FROM request_logs ORDER BY id")).containsExactly("default-4d");
    }

    @Test
    void bodiesGoOnTheirOwnShorterScheduleAndRowsStay() throws SQLException {
      store(row("kept", "default", T0.minus(Duration.ofDays(2))).bodies("{\"q\":1}", "{\"a\":1}").build(),
          row("fresh", "default", T0.minus(Duration.ofHours(1))).bodies("{\"q\":2}", null).build());

      LogRetention.Pruned pruned = new LogRetention(database, 30, 1, clock).prune();

      assertThat(pruned).isEqualTo(new LogRetention.Pruned(0, 1));
      assertThat(ids("SELECT request_id FROM request_bodies")).containsExactly("fresh");
      assertThat(ids("SELECT id FROM request_logs ORDER BY id")).containsExactly("fresh", "kept");
    }

    @Test
    void largeBacklogsGoInSeveralBatches() throws SQLException {
      RequestRecord[] rows = new RequestRecord[LogRetention.BATCH * 2 + 7];
      for (int i = 0; i < rows.length; i++) {
        rows[i] = row("r" + i, "default", T0.minus(Duration.ofDays(40)).plusMillis(i)).build();
      }
      store(rows);

      assertThat(new LogRetention(database, 30, 7, clock).prune().rows()).isEqualTo(rows.length);
      assertThat(ids("SELECT id FROM request_logs")).isEmpty();
    }

    private static RequestRecord.Builder row(String id, String workspace, Instant at) {
      return RequestRecord.builder(id, at).workspaceId(workspace).provider("openai").model("gpt-4o").method("POST")
          .path("/v1/chat/completions").status(200).latencyMs(100);
    }

    private void store(RequestRecord.Builder... rows) {
      store(java.util.Arrays.stream(rows).map(RequestRecord.Builder::build).toArray(RequestRecord[]::new));
    }

    private void store(RequestRecord... rows) {
      RequestLogWriter writer = RequestLogWriter.start(database.dataSource());
      for (RequestRecord row : rows) {
        writer.record(row);
      }
      writer.close();
    }

    private void sql(String statement) throws SQLException {
      try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
        s.executeUpdate(statement);
      }
    }

    private List<String> ids(String query) throws SQLException {
      List<String> ids = new ArrayList<>();
      try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
          ResultSet rows = s.executeQuery(query)) {
        while (rows.next()) {
          ids.add(rows.getString(1));
        }
      }
      return ids;
    }
  }
}
