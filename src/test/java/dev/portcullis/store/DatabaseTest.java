package dev.portcullis.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.config.ConfigException;
import dev.portcullis.observe.RequestRecord;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

  @TempDir Path dir;

  @Test
  void sqliteFileAndItsMissingDirectoriesAreCreatedAndMigrated() throws SQLException {
    Path file = dir.resolve("data/nested/portcullis.db");

    try (Database database = Database.open("jdbc:sqlite:" + file)) {
      assertThat(file).exists();
      assertThat(database.dialect()).isEqualTo(SqlDialect.SQLITE);
      assertThat(appliedVersions(database)).contains("1");
      assertThat(requestLogColumns(database)).containsExactlyInAnyOrderElementsOf(requestRecordFields());
    }
  }

  @Test
  void sqliteConnectionsUseWalBusyTimeoutNormalSyncAndForeignKeys() throws SQLException {
    try (Database database = Database.open("jdbc:sqlite:" + dir.resolve("portcullis.db"));
        Connection connection = database.dataSource().getConnection()) {
      assertThat(pragma(connection, "journal_mode")).isEqualTo("wal");
      assertThat(pragma(connection, "busy_timeout")).isEqualTo("5000");
      assertThat(pragma(connection, "synchronous")).isEqualTo("1");
      assertThat(pragma(connection, "foreign_keys")).isEqualTo("1");
    }
  }

  @Test
  void reopeningAMigratedDatabaseKeepsItsRows() throws SQLException {
    String url = "jdbc:sqlite:" + dir.resolve("portcullis.db");
    try (Database database = Database.open(url);
        Connection connection = database.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("INSERT INTO request_logs (id, started_at, status, stream, latency_ms, metadata)"
          + " VALUES ('r1', 0, 200, FALSE, 1, '{}')");
    }

    try (Database database = Database.open(url)) {
      assertThat(count(database, "SELECT COUNT(*) FROM request_logs")).isEqualTo(1);
    }
  }

  @Test
  void postgresqlSchemaIsMigrated() throws SQLException {
    try (PostgresTestSchema schema = PostgresTestSchema.create();
        Database database = Database.open(schema.jdbcUrl())) {
      assertThat(database.dialect()).isEqualTo(SqlDialect.POSTGRESQL);
      assertThat(appliedVersions(database)).contains("1");
      assertThat(requestLogColumns(database)).containsExactlyInAnyOrderElementsOf(requestRecordFields());
      assertThat(count(database,
              "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'request_logs'"
                  + " AND table_schema = '" + schema.name() + "'"))
          .isEqualTo(1);
    }
  }

  @Test
  void postgresUrlWithCredentialsIsConvertedAndConnects() throws SQLException {
    try (PostgresTestSchema schema = PostgresTestSchema.create();
        Database database = Database.open("postgres://" + schema.user() + ":unused-under-trust@127.0.0.1:5432/test"
            + "?currentSchema=" + schema.name())) {
      assertThat(database.isReachable()).isTrue();
      assertThat(count(database, "SELECT COUNT(*) FROM request_logs")).isZero();
    }
  }

  @Test
  void isReachableUntilClosed() {
    Database database = Database.open("jdbc:sqlite:" + dir.resolve("portcullis.db"));
    assertThat(database.isReachable()).isTrue();

    database.close();

    assertThat(database.isReachable()).isFalse();
  }

  @Test
  void unsupportedSchemeIsNamedWithTheAcceptedOnesButThePasswordIsNot() {
    assertThatThrownBy(() -> Database.open("mysql://gw:hunter2@db.example/gateway"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("database_url / PORTCULLIS_DATABASE_URL: scheme 'mysql' is not supported (expected: "
            + "jdbc:sqlite:<path>, jdbc:postgresql://host:port/database, postgres://user:password@host:port/database"
            + " or postgresql://user:password@host:port/database)")
        .message().doesNotContain("hunter2");
  }

  @Test
  void unsupportedJdbcSchemeIsNamedWithItsSubprotocol() {
    assertThatThrownBy(() -> Database.open("jdbc:mysql://db.example/gateway"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("database_url / PORTCULLIS_DATABASE_URL: scheme 'jdbc:mysql' is not supported "
            + "(expected: jdbc:sqlite:<path>,");
  }

  @Test
  void inMemorySqliteIsRejectedBecauseEachPooledConnectionWouldSeeItsOwn() {
    assertThatThrownBy(() -> Database.open("jdbc:sqlite::memory:"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("database_url / PORTCULLIS_DATABASE_URL: 'jdbc:sqlite::memory:' is an in-memory SQLite "
            + "database, which every pooled connection would see as a different, empty one (expected: jdbc:sqlite:<path to a file>)");
  }

  /** Every field of a request record is a column of the log, but the bodies, which live in request_bodies. */
  private static List<String> requestRecordFields() {
    return Arrays.stream(RequestRecord.class.getRecordComponents())
        .map(component -> component.getName().replaceAll("([A-Z])", "_$1").toLowerCase())
        .filter(column -> !column.endsWith("_body"))
        .toList();
  }

  private static List<String> requestLogColumns(Database database) throws SQLException {
    try (Connection connection = database.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet none = statement.executeQuery("SELECT * FROM request_logs WHERE 1 = 0")) {
      ResultSetMetaData columns = none.getMetaData();
      List<String> names = new ArrayList<>();
      for (int i = 1; i <= columns.getColumnCount(); i++) {
        names.add(columns.getColumnName(i).toLowerCase());
      }
      return names;
    }
  }

  private static List<String> appliedVersions(Database database) throws SQLException {
    try (Connection connection = database.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(
            "SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank")) {
      List<String> versions = new ArrayList<>();
      while (rows.next()) {
        versions.add(rows.getString(1));
      }
      return versions;
    }
  }

  private static long count(Database database, String sql) throws SQLException {
    try (Connection connection = database.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(sql)) {
      row.next();
      return row.getLong(1);
    }
  }

  private static String pragma(Connection connection, String name) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("PRAGMA " + name)) {
      row.next();
      return row.getString(1);
    }
  }
}
