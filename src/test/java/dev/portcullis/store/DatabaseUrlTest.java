package dev.portcullis.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

  @Test
  void postgresUrlBecomesJdbcUrlWithPercentDecodedCredentials() {
    DatabaseUrl url = DatabaseUrl.parse("postgres://al%40ce:p%3Ass+w%2F@db.example:6543/gateway?sslmode=require");

    assertThat(url.dialect()).isEqualTo(SqlDialect.POSTGRESQL);
    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/gateway?sslmode=require");
    assertThat(url.username()).isEqualTo("al@ce");
    assertThat(url.password()).isEqualTo("p:ss+w/");
  }

  @Test
  void postgresqlSchemeWithoutPortOrCredentialsIsAcceptedToo() {
    DatabaseUrl url = DatabaseUrl.parse("postgresql://db.example/gateway");

    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example/gateway");
    assertThat(url.username()).isNull();
    assertThat(url.password()).isNull();
  }

  @Test
  void jdbcPostgresqlUrlIsPassedThrough() {
    String jdbc = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    assertThat(DatabaseUrl.parse(jdbc).jdbcUrl()).isEqualTo(jdbc);
  }

  @Test
  void sqliteFileIsThePathWithoutFilePrefixOrParameters() {
    DatabaseUrl url = DatabaseUrl.parse("jdbc:sqlite:file:data/portcullis.db?cache=private");

    assertThat(url.dialect()).isEqualTo(SqlDialect.SQLITE);
    assertThat(url.jdbcUrl()).isEqualTo("jdbc:sqlite:file:data/portcullis.db?cache=private");
    assertThat(url.sqliteFile()).isEqualTo(Path.of("data/portcullis.db").toAbsolutePath());
  }

  @Test
  void toStringNeverShowsThePassword() {
    assertThat(DatabaseUrl.parse("postgres://gw:hunter2@db.example/gateway").toString())
        .isEqualTo("POSTGRESQL jdbc:postgresql://db.example/gateway as gw")
        .doesNotContain("hunter2");
  }
}
