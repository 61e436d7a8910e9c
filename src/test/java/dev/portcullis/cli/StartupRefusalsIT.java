package dev.portcullis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.config.ConfigLoader;
import dev.portcullis.keys.MasterKeySource;
import dev.portcullis.server.GatewayServer;
import dev.portcullis.testing.CliProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code portcullis serve} refuses to start, in one line naming the value, what was expected and how to fix it, with
 * exit status 2 and no stack trace, when its settings or its surroundings are wrong. Each case runs the real command
 * in a process of its own and reads everything it printed.
 */
class StartupRefusalsIT {

  @TempDir Path dir;

  private CliProcess.Run serve(String yaml, String... more) throws IOException {
    Path file = dir.resolve("portcullis.yaml");
    Files.writeString(file, "data_dir: " + dir.resolve("data") + "\n" + yaml);
    String[] args = new String[more.length + 3];
    args[0] = "serve";
    args[1] = "-c";
    args[2] = file.toString();
    System.arraycopy(more, 0, args, 3, more.length);
    return CliProcess.run(dir, Map.of(), args);
  }

  private static void assertRefusedInOneLine(CliProcess.Run run, String line) {
    assertThat(run.lines()).as(run.output()).containsExactly("portcullis: " + line);
    assertThat(run.exit()).as(run.output()).isEqualTo(2);
  }

  @Test
  void aPortAnotherGatewayListensOnIsRefusedRatherThanShared() throws IOException {
    int port = freePort();
    try (GatewayServer first = GatewayServer.start(new ConfigLoader(Map.of("PORTCULLIS_PORT", Integer.toString(port),
        "PORTCULLIS_DATA_DIR", dir.resolve("first").toString(), "PORTCULLIS_ADMIN_KEY", "pcl-first-admin-key-0123"))
        .resolve(null))) {
      assertThat(first.port()).isEqualTo(port);

      assertRefusedInOneLine(serve("port: " + port + "\n"), "port / PORTCULLIS_PORT: " + port + " on 127.0.0.1 is "
          + "already in use by another process (expected: a free port; stop the other process, perhaps another "
          + "'portcullis serve', or set PORTCULLIS_PORT to another port)");
    }
  }

  @Test
  void anUnknownProviderIsRefusedWithItsLineAndTheNearestId() throws IOException {
    CliProcess.Run run = serve("providers:\n  opneai:\n    api_key: sk-1\n");

    assertThat(run.lines()).hasSize(1);
    assertThat(run.lines().getFirst()).startsWith("portcullis: providers.opneai at line 3 of "
        + dir.resolve("portcullis.yaml") + ": unknown provider 'opneai'; did you mean 'openai'? (expected one of: ");
    assertThat(run.exit()).isEqualTo(2);
  }

  @Test
  void anUnknownSettingIsRefusedWithItsLineAndTheNearestKey() throws IOException {
    assertRefusedInOneLine(serve("prot: 9000\n"), "unknown setting 'prot' at line 2 of "
        + dir.resolve("portcullis.yaml") + "; did you mean 'port'?");
  }

  @Test
  void aMalformedMasterKeyIsRefused() throws IOException {
    assertRefusedInOneLine(serve("master_key: not-a-key\n"), "master_key / PORTCULLIS_MASTER_KEY: not base64 or hex "
        + "(expected: 32 random bytes, base64 or 64 hex digits; make one with 'openssl rand -base64 32')");
  }

  @Test
  void aMasterKeyThatOpensNoneOfTheStoredCredentialsIsRefused() throws IOException {
    String data = "data_dir: " + dir.resolve("data");
    Path file = dir.resolve("cli.yaml");
    Files.writeString(file, data + "\n");
    assertThat(CliProcess.run(dir, Map.of(), "virtual-keys", "create", "-c", file.toString(), "--provider", "openai",
        "--slug", "sealed-by-file-key", "--api-key", "sk-1").exit()).isZero();
    String sealedBy = MasterKeySource.vault(null, null, dir.resolve("data")).keyId();
    String other = Base64.getEncoder().encodeToString(new byte[32]);

    CliProcess.Run run = serve("master_key: " + other + "\n");

    assertThat(run.lines()).as(run.output()).hasSize(1);
    assertThat(run.lines().getFirst()).startsWith("portcullis: master_key / PORTCULLIS_MASTER_KEY: key ")
        .contains("opens none of the 1 stored provider credentials, which were sealed by master key " + sealedBy);
    assertThat(run.exit()).isEqualTo(2);
  }

  @Test
  void anUnsupportedDatabaseUrlIsRefusedWithoutItsPassword() throws IOException {
    CliProcess.Run run = serve("database_url: mysql://gw:hunter2@db.example/gateway\n");

    assertRefusedInOneLine(run, "database_url / PORTCULLIS_DATABASE_URL: scheme 'mysql' is not supported (expected: "
        + "jdbc:sqlite:<path>, jdbc:postgresql://host:port/database, postgres://user:password@host:port/database or "
        + "postgresql://user:password@host:port/database)");
  }

  @Test
  void anUnreachablePostgresqlIsNamedAndTheGatewayStops() throws IOException {
    int port = freePort();
    CliProcess.Run run = serve("database_url: postgres://gw:hunter2@127.0.0.1:" + port + "/gateway\n");

    assertThat(run.lines()).as(run.output()).hasSize(1);
    assertThat(run.lines().getFirst())
        .startsWith("portcullis: database_url / PORTCULLIS_DATABASE_URL: cannot connect to the PostgreSQL at 127.0.0.1:"
            + port + "/gateway: ")
        .endsWith("; the gateway does not start without its database (expected: a reachable PostgreSQL: start it, or "
            + "fix the URL)")
        .doesNotContain("hunter2");
    assertThat(run.exit()).isEqualTo(2);
  }

  @Test
  void anUnreachableRedisIsNamedAndTheGatewayStops() throws IOException {
    int port = freePort();
    CliProcess.Run run = serve("redis_url: redis://:hunter2@127.0.0.1:" + port + "\n");

    assertThat(run.lines()).as(run.output()).hasSize(1);
    assertThat(run.lines().getFirst())
        .startsWith("portcullis: redis_url / PORTCULLIS_REDIS_URL: cannot connect to Redis at 127.0.0.1:" + port + " (")
        .endsWith("); Portcullis does not start without the Redis it is given, and retries only a connection it once "
            + "had (expected: a reachable Redis, or no redis_url to keep changes in this process)")
        .doesNotContain("hunter2");
    assertThat(run.exit()).isEqualTo(2);
  }

  @Test
  void debugAddsTheStackTraceToTheSameLine() throws IOException {
    CliProcess.Run run = serve("database_url: mysql://db.example/gateway\n", "--debug");

    assertThat(run.output()).contains("\tat dev.portcullis.");
    assertThat(run.lines().getLast()).startsWith("portcullis: database_url / PORTCULLIS_DATABASE_URL: scheme 'mysql'");
    assertThat(run.exit()).isEqualTo(2);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
