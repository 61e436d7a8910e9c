package dev.portcullis.store;

import com.zaxxer.hikari.HikariConfig;
import dev.portcullis.config.ConfigException;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The gateway's database: a connection pool over SQLite or PostgreSQL, migrated to the current schema when opened.
 * Every method that touches the database blocks; call them off the event loop.
 */
public final class Database implements AutoCloseable {

  /** SQLite has one writer at a time; more connections would only queue on its lock. */
  private static final int SQLITE_POOL_SIZE = 4;

  private static final int POSTGRESQL_POOL_SIZE = 10;

  /** How long a caller waits for a pooled connection, which also bounds {@link #isReachable()}. */
  private static final long CONNECTION_TIMEOUT_MS = 5_000;

  private static final int VALIDATION_TIMEOUT_SECONDS = 2;

  private final HikariDataSource pool;
  private final SqlDialect dialect;

  private Database(HikariDataSource pool, SqlDialect dialect) {
    this.pool = pool;
    this.dialect = dialect;
  }

  /**
   * Connects and applies any pending migrations from {@code classpath:db/migration}.
   *
   * @param url {@code jdbc:sqlite:<path>} (parent directories are created), {@code jdbc:postgresql://...},
   *     {@code postgres://user:password@host:port/database} or {@code postgresql://...}
   * @throws ConfigException in one line naming the setting, when the URL's scheme is not one of those, the database
   *     cannot be reached or opened (nothing retries: the caller stops), or its schema cannot be migrated
   */
  public static Database open(String url) {
    DatabaseUrl parsed = DatabaseUrl.parse(url);
    HikariConfig config = poolConfig(parsed);
    probe(parsed, config);
    HikariDataSource pool = new HikariDataSource(config);
    try {
      Flyway.configure()
          .dataSource(pool)
          .locations("classpath:db/migration")
          .failOnMissingLocations(true)
          .load()
          .migrate();
    } catch (FlywayException e) {
      pool.close();
      throw new ConfigException(DatabaseUrl.SETTING + ": the schema of the " + parsed.where()
          + " cannot be brought up to date: " + firstLine(e.getMessage())
          + " (expected: a database this version of Portcullis created or can migrate)");
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
    return new Database(pool, parsed.dialect());
  }

  /**
   * Opens one connection the way the pool will, so an unreachable database is one line naming it rather than the
   * pool's stack trace.
   */
  private static void probe(DatabaseUrl url, HikariConfig config) {
    Properties properties = new Properties();
    properties.putAll(config.getDataSourceProperties());
    if (url.username() != null) {
      properties.setProperty("user", url.username());
    }
    if (url.password() != null) {
      properties.setProperty("password", url.password());
    }
    if (url.dialect() == SqlDialect.POSTGRESQL) {
      properties.setProperty("connectTimeout", Long.toString(CONNECTION_TIMEOUT_MS / 1000));
    }
    try (Connection probe = DriverManager.getConnection(url.jdbcUrl(), properties)) {
      probe.isValid(VALIDATION_TIMEOUT_SECONDS);
    } catch (SQLException e) {
      throw new ConfigException(DatabaseUrl.SETTING + ": cannot connect to the " + url.where() + ": "
          + firstLine(e.getMessage()) + "; the gateway does not start without its database (expected: a reachable "
          + (url.dialect() == SqlDialect.POSTGRESQL ? "PostgreSQL: start it, or fix the URL" : "SQLite file in a "
              + "writable directory: fix data_dir / PORTCULLIS_DATA_DIR or the URL") + ")");
    }
  }

  private static String firstLine(String message) {
    return message == null ? "no detail" : message.lines().findFirst().orElse("").trim();
  }

  private static HikariConfig poolConfig(DatabaseUrl url) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("portcullis-" + url.dialect().name().toLowerCase(Locale.ROOT));
    config.setJdbcUrl(url.jdbcUrl());
    config.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
    switch (url.dialect()) {
      case SQLITE -> {
        createParentDirectories(url);
        config.setMaximumPoolSize(SQLITE_POOL_SIZE);
        config.addDataSourceProperty("journal_mode", "WAL");
        config.addDataSourceProperty("busy_timeout", "5000");
        // A deferred transaction that reads before it writes fails at once with SQLITE_BUSY when another connection
        // (another node, the request-log writer) committed in between; taking the write lock at BEGIN makes it wait
        // out busy_timeout instead.
        config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
        config.addDataSourceProperty("synchronous", "NORMAL");
        config.addDataSourceProperty("foreign_keys", "true");
      }
      case POSTGRESQL -> {
        config.setMaximumPoolSize(POSTGRESQL_POOL_SIZE);
        config.setUsername(url.username());
        config.setPassword(url.password());
        config.addDataSourceProperty("ApplicationName", "portcullis");
        // Keeps row values ("Failing row contains ...", batch parameters) out of exception messages and logs.
        config.addDataSourceProperty("logServerErrorDetail", "false");
      }
    }
    return config;
  }

  private static void createParentDirectories(DatabaseUrl url) {
    try {
      Files.createDirectories(url.sqliteFile().getParent());
    } catch (IOException e) {
      throw new ConfigException(DatabaseUrl.SETTING + ": cannot create the directory of the " + url.where() + ": "
          + e + " (expected: a writable directory; fix data_dir / PORTCULLIS_DATA_DIR or the URL)");
    }
  }

  /** The pool; connections come back to it on {@link Connection#close()}. */
  public DataSource dataSource() {
    return pool;
  }

  public SqlDialect dialect() {
    return dialect;
  }

  /**
   * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws anything. A
   * {@link SQLException} comes out as a {@link StoreException} naming {@code operation}; other exceptions (a
   * validation failure found midway, say) pass through unchanged after the rollback.
   */
  public <T> T inTransaction(String operation, SqlWork<T> work) {
    try (Connection connection = pool.getConnection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException("cannot " + operation, e);
    }
  }

  /** Runs {@code work} on one pooled connection in auto-commit mode, for reads and single statements. */
  public <T> T read(String operation, SqlWork<T> work) {
    try (Connection connection = pool.getConnection()) {
      return work.run(connection);
    } catch (SQLException e) {
      throw new StoreException("cannot " + operation, e);
    }
  }

  /** Whether a connection can be had and answers, within about five seconds. Used by readiness checks. */
  public boolean isReachable() {
    try (Connection connection = pool.getConnection()) {
      return connection.isValid(VALIDATION_TIMEOUT_SECONDS);
    } catch (SQLException e) {
      return false;
    }
  }

  /** Closes every pooled connection; asking the data source for one afterwards fails. */
  @Override
  public void close() {
    pool.close();
  }

  @Override
  public String toString() {
    return "Database[" + dialect + ", " + pool.getPoolName() + "]";
  }
}
