package dev.portcullis.keys;

import dev.portcullis.cluster.LocalChangeBus;
import dev.portcullis.net.HostPolicy;
import dev.portcullis.observe.AuditActor;
import dev.portcullis.testing.MutableClock;
import dev.portcullis.store.Database;
import dev.portcullis.store.PostgresTestSchema;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * A fresh tenancy store on one backend (a temporary SQLite file, or a fresh PostgreSQL schema), with a clock that
 * stands still until a test moves it. Store tests run once per {@link Backend}.
 */
final class TenancyFixture implements AutoCloseable {

  /** The two databases every store test runs on. */
  enum Backend { SQLITE, POSTGRESQL }

  static final Instant START = Instant.parse("2026-11-22T10:00:00Z");
  static final AuditActor ACTOR = AuditActor.cli("tester");

  static Stream<Backend> backends() {
    return Arrays.stream(Backend.values());
  }

  final MutableClock clock = new MutableClock(START);
  final Database database;
  final LocalChangeBus changes = new LocalChangeBus();
  final Vault vault;
  final Tenancy tenancy;
  private final Path dir;
  private final PostgresTestSchema schema;
  private Vertx vertx;

  TenancyFixture(Backend backend) throws Exception {
    this(backend, new Vault(key(1)));
  }

  TenancyFixture(Backend backend, Vault vault) throws Exception {
    this.vault = vault;
    if (backend == Backend.SQLITE) {
      dir = Files.createTempDirectory("tenancy");
      schema = null;
      database = Database.open("jdbc:sqlite:" + dir.resolve("portcullis.db"));
    } else {
      dir = null;
      schema = PostgresTestSchema.create();
      database = Database.open(schema.jdbcUrl());
    }
    tenancy = new Tenancy(database, vault, changes, clock, HostPolicy.forThisHost(List.of()));
  }

  /** A second tenancy over the same database with another vault, as another process would have. */
  Tenancy withVault(Vault other) {
    return new Tenancy(database, other, new LocalChangeBus(), clock, HostPolicy.forThisHost(List.of()));
  }

  Vertx vertx() {
    if (vertx == null) {
      vertx = Vertx.vertx();
    }
    return vertx;
  }

  void sql(String statement) throws SQLException {
    try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  static byte[] key(int fill) {
    byte[] k = new byte[32];
    Arrays.fill(k, (byte) fill);
    return k;
  }

  @Override
  public void close() throws Exception {
    if (vertx != null) {
      vertx.close().await();
    }
    database.close();
    if (schema != null) {
      schema.close();
    }
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
