package dev.portcullis.store;

import dev.portcullis.config.ConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A database URL as an operator writes it, resolved to what the pool needs. Error messages never repeat the URL,
 * which may carry a password.
 *
 * @param dialect the database behind it
 * @param jdbcUrl the URL handed to the JDBC driver
 * @param username user from a {@code postgres://user:pass@...} URL, or null
 * @param password password from such a URL, or null
 * @param sqliteFile the database file for SQLite, or null for PostgreSQL
 */
record DatabaseUrl(SqlDialect dialect, String jdbcUrl, String username, String password, Path sqliteFile) {

  /** How the operator names the URL, in every refusal. */
  static final String SETTING = "database_url / PORTCULLIS_DATABASE_URL";

  private static final String ACCEPTED =
      "jdbc:sqlite:<path>, jdbc:postgresql://host:port/database, postgres://user:password@host:port/database"
          + " or postgresql://user:password@host:port/database";

  static DatabaseUrl parse(String url) {
    if (url.startsWith("jdbc:sqlite:")) {
      return sqlite(url);
    }
    if (url.startsWith("jdbc:postgresql:")) {
      return new DatabaseUrl(SqlDialect.POSTGRESQL, url, null, null, null);
    }
    if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
      return postgresUri(url);
    }
    int colon = url.startsWith("jdbc:") ? url.indexOf(':', "jdbc:".length()) : url.indexOf(':');
    if (colon <= 0) {
      throw new ConfigException(SETTING + ": has no scheme (expected: " + ACCEPTED + ")");
    }
    throw new ConfigException(
        SETTING + ": scheme '" + url.substring(0, colon) + "' is not supported (expected: " + ACCEPTED + ")");
  }

  private static DatabaseUrl sqlite(String url) {
    String location = url.substring("jdbc:sqlite:".length());
    int query = location.indexOf('?');
    String file = query < 0 ? location : location.substring(0, query);
    file = file.startsWith("file:") ? file.substring("file:".length()) : file;
    if (file.isEmpty() || file.contains(":memory:") || location.contains("mode=memory")) {
      throw new ConfigException(
          SETTING + ": '" + url + "' is an in-memory SQLite database, which every pooled connection would see"
              + " as a different, empty one (expected: jdbc:sqlite:<path to a file>)");
    }
    return new DatabaseUrl(SqlDialect.SQLITE, url, null, null, Path.of(file).toAbsolutePath());
  }

  private static DatabaseUrl postgresUri(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new ConfigException(
          SETTING + ": not a valid URL (expected: postgres://user:password@host:port/database, with special"
              + " characters in the password percent-encoded)");
    }
    if (uri.getHost() == null) {
      throw new ConfigException(
          SETTING + ": names no host (expected: postgres://user:password@host:port/database)");
    }
    String jdbcUrl = "jdbc:postgresql://" + uri.getHost()
        + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
        + (uri.getRawPath() == null ? "" : uri.getRawPath())
        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    String userInfo = uri.getRawUserInfo();
    if (userInfo == null) {
      return new DatabaseUrl(SqlDialect.POSTGRESQL, jdbcUrl, null, null, null);
    }
    int colon = userInfo.indexOf(':');
    return colon < 0
        ? new DatabaseUrl(SqlDialect.POSTGRESQL, jdbcUrl, decode(userInfo), null, null)
        : new DatabaseUrl(
            SqlDialect.POSTGRESQL, jdbcUrl, decode(userInfo.substring(0, colon)), decode(userInfo.substring(colon + 1)), null);
  }

  /** Percent-decoding as in a URL's user info, where {@code +} is a plus sign, not a space. */
  private static String decode(String part) {
    return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /** Where the database is, without credentials: {@code PostgreSQL at db.internal:5432/gateway}, or the SQLite file. */
  String where() {
    if (dialect == SqlDialect.SQLITE) {
      return "SQLite database " + sqliteFile;
    }
    String rest = jdbcUrl.substring("jdbc:postgresql:".length()).replaceFirst("^//", "");
    int query = rest.indexOf('?');
    return "PostgreSQL at " + (query < 0 ? rest : rest.substring(0, query));
  }

  @Override
  public String toString() {
    return dialect + " " + jdbcUrl + (username == null ? "" : " as " + username);
  }
}
