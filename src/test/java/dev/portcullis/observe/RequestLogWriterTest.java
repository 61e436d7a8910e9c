package dev.portcullis.observe;

import dev.portcullis.testing.MutableClock;
import static dev.portcullis.observe.RequestRecords.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.portcullis.store.Database;
import dev.portcullis.store.PostgresTestSchema;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

@Timeout(60)
class RequestLogWriterTest {

  @TempDir java.nio.file.Path dir;

  private Database database;
  private ScriptedDataSource dataSource;
  private final MutableClock clock = new MutableClock(Instant.parse("2025-01-31T09:30:00Z"));
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger writerLog = (Logger) LoggerFactory.getLogger(RequestLogWriter.class);

  @BeforeEach
  void open() {
    database = Database.open("jdbc:sqlite:" + dir.resolve("portcullis.db"));
    dataSource = new ScriptedDataSource(database.dataSource());
    logs.start();
    writerLog.addAppender(logs);
  }

  @AfterEach
  void closeDatabase() {
    writerLog.detachAppender(logs);
    database.close();
  }

  @Test
  void closeWritesEveryRecordStillQueued() throws SQLException {
    RequestLogWriter writer = RequestLogWriter.start(dataSource);
    for (int i = 0; i < 5_000; i++) {
      writer.record(at("r" + i, i));
    }

    writer.close();

    assertThat(storedIds()).hasSize(5_000);
    assertThat(writer.written()).isEqualTo(5_000);
    assertThat(writer.dropped()).isZero();
  }

  @Test
  void transactionsHoldAtMostFiveHundredRows() {
    RequestLogWriter writer = RequestLogWriter.start(dataSource);
    for (int i = 0; i < 1_234; i++) {
      writer.record(at("r" + i, i));
    }

    writer.close();

    assertThat(dataSource.batchSizes()).allSatisfy(size -> assertThat(size).isBetween(1, 500));
    assertThat(dataSource.batchSizes().stream().mapToInt(Integer::intValue).sum()).isEqualTo(1_234);
  }

  @Test
  void aLoneRecordIsWrittenWithoutWaitingForABatchToFill() throws SQLException {
    RequestLogWriter writer = RequestLogWriter.start(dataSource);

    writer.record(at("lone", 1));

    await().atMost(Duration.ofSeconds(5)).until(() -> writer.written() == 1);
    assertThat(storedIds()).containsExactly("lone");
    writer.close();
  }

  @Test
  void fullQueueDropsAndCountsInsteadOfBlocking() throws Exception {
    RequestLogWriter writer = RequestLogWriter.start(dataSource, 10, clock);
    stallWorker(writer);

    for (int i = 0; i < 15; i++) {
      writer.record(at("r" + i, i + 1));
    }

    assertThat(writer.dropped()).isEqualTo(5);
    dataSource.release();
    writer.close();
    assertThat(writer.written()).isEqualTo(11);
    assertThat(storedIds()).hasSize(11).contains("taken-by-the-worker", "r0", "r9").doesNotContain("r10", "r14");
  }

  @Test
  void dropsAreWarnedAboutAtMostOncePerTenSeconds() throws Exception {
    RequestLogWriter writer = RequestLogWriter.start(dataSource, 1, clock);
    stallWorker(writer);
    writer.record(at("queued", 1));

    writer.record(at("dropped-1", 2));
    writer.record(at("dropped-2", 3));
    clock.advance(Duration.ofSeconds(9));
    writer.record(at("dropped-3", 4));
    assertThat(warnings()).hasSize(1);

    clock.advance(Duration.ofSeconds(1));
    writer.record(at("dropped-4", 5));

    assertThat(warnings()).hasSize(2);
    assertThat(warnings().getLast()).isEqualTo(
        "request log: queue is full (capacity 1), dropping records; 4 dropped so far");
    dataSource.release();
    writer.close();
  }

  @Test
  void aBatchThatFailsOnceIsRetried() throws SQLException {
    dataSource.failNextBatches(1);
    RequestLogWriter writer = RequestLogWriter.start(dataSource);

    writer.record(at("r1", 1));
    writer.close();

    assertThat(storedIds()).containsExactly("r1");
    assertThat(writer.dropped()).isZero();
  }

  @Test
  void aBatchThatFailsTwiceIsDroppedAndTheWriterKeepsWriting() throws SQLException {
    dataSource.failNextBatches(2);
    RequestLogWriter writer = RequestLogWriter.start(dataSource);

    writer.record(at("lost", 1));
    await().atMost(Duration.ofSeconds(5)).until(() -> writer.dropped() == 1);
    assertThat(writer.healthy()).isTrue();
    writer.record(at("kept", 2));
    writer.close();

    assertThat(storedIds()).containsExactly("kept");
    assertThat(writer.written()).isEqualTo(1);
    assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
        .contains("request log: dropped 1 records after 2 failed attempts; 1 dropped so far")
        .noneMatch(message -> message.contains("lost"));
  }

  @Test
  void aFailedBatchIsLoggedWithoutItsRowValuesOnPostgresql() throws SQLException {
    try (PostgresTestSchema schema = PostgresTestSchema.create();
        Database postgres = Database.open(schema.jdbcUrl())) {
      try (Connection connection = postgres.dataSource().getConnection();
          Statement statement = connection.createStatement()) {
        statement.execute("ALTER TABLE request_logs ADD CONSTRAINT no_secrets CHECK (model <> 'secret-model')");
      }
      RequestLogWriter writer = RequestLogWriter.start(postgres.dataSource());

      writer.record(RequestRecords.request("r1", Instant.EPOCH).model("secret-model").metadata("team", "hush").build());
      writer.close();

      assertThat(writer.dropped()).isEqualTo(1);
      assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
          .anyMatch(message -> message.contains("no_secrets"))
          .noneMatch(message -> message.contains("secret-model") || message.contains("hush"));
    }
  }

  @Test
  void recordsAfterCloseAreDroppedAndCounted() {
    RequestLogWriter writer = RequestLogWriter.start(dataSource);
    writer.close();

    writer.record(at("late", 1));

    assertThat(writer.dropped()).isEqualTo(1);
    assertThat(writer.healthy()).isFalse();
  }

  @Test
  void aRecordAlreadyStoredIsKeptAndTheBatchStillCommits() throws SQLException {
    RequestLogWriter first = RequestLogWriter.start(dataSource);
    first.record(at("r1", 1));
    first.close();
    RequestLogWriter second = RequestLogWriter.start(dataSource);

    second.record(at("r1", 1));
    second.record(at("r2", 2));
    second.close();

    assertThat(storedIds()).containsExactlyInAnyOrder("r1", "r2");
    assertThat(second.dropped()).isZero();
  }

  /** Leaves the worker holding one record while it waits for a connection, so that only the queue fills. */
  private void stallWorker(RequestLogWriter writer) throws InterruptedException {
    dataSource.hold();
    writer.record(at("taken-by-the-worker", 0));
    dataSource.awaitHeldRequest();
  }

  private List<String> warnings() {
    return logs.list.stream()
        .filter(event -> event.getLevel() == Level.WARN)
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }

  private List<String> storedIds() throws SQLException {
    try (Connection connection = database.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT id FROM request_logs ORDER BY started_at")) {
      List<String> ids = new ArrayList<>();
      while (rows.next()) {
        ids.add(rows.getString(1));
      }
      return ids;
    }
  }
}
