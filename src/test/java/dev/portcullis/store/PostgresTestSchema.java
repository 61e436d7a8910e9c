package dev.portcullis.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

/**
 * A fresh schema on the PostgreSQL server of the test machine (127.0.0.1:5432, database {@code test}, trust auth as
 * {@code postgres} or {@code root}; {@code PORTCULLIS_TEST_POSTGRES} overrides the server URL), dropped on close.
 */
public final class PostgresTestSchema implements AutoCloseable {

  private static final String SERVER =
      System.getenv().getOrDefault("PORTCULLIS_TEST_POSTGRES", "jdbc:postgresql://127.0.0.1:5432/test");
  private static final List<String> USERS = List.of("postgres", "root");

  private final String user;
  private final String name;

  private PostgresTestSchema(String user, String name) {
    this.user = user;
    this.name = name;
  }

  public static PostgresTestSchema create() throws SQLException {
    String name = "t_" + UUID.randomUUID().toString().replace("-", "");
    SQLException refused = null;
    for (String user : USERS) {
      try (Connection connection = DriverManager.getConnection(SERVER + "?user=" + user);
          Statement statement = connection.createStatement()) {
        statement.execute("CREATE SCHEMA " + name);
        return new PostgresTestSchema(user, name);
      } catch (SQLException e) {
        refused = e;
      }
    }
    throw refused;
  }

  /** A JDBC URL whose connections work in this schema only. */
  public String jdbcUrl() {
    return SERVER + "?user=" + user + "&currentSchema=" + name;
  }

  public String user() {
    return user;
  }

  public String name() {
    return name;
  }

  @Override
  public void close() throws SQLException {
    try (Connection connection = DriverManager.getConnection(SERVER + "?user=" + user);
        Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA " + name + " CASCADE");
    }
  }
}
