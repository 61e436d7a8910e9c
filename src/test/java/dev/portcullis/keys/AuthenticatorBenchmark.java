package dev.portcullis.keys;

import dev.portcullis.cluster.LocalChangeBus;
import dev.portcullis.net.HostPolicy;
import dev.portcullis.observe.AuditActor;
import dev.portcullis.store.Database;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Authenticating one request on the hot path: hash the presented secret, find the key in memory, check revocation,
 * expiry, grace, workspace and scope, note the last use, answer the principal. Run with
 * {@code java -cp ... org.openjdk.jmh.Main AuthenticatorBenchmark} (see docs/keys.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AuthenticatorBenchmark {

  private static final AuditActor ACTOR = AuditActor.cli("bench");

  private Path dir;
  private Database database;
  private Vertx vertx;
  private Authenticator authenticator;
  private String secret;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    dir = Files.createTempDirectory("auth-bench");
    database = Database.open("jdbc:sqlite:" + dir.resolve("bench.db"));
    vertx = Vertx.vertx();
    Tenancy tenancy = new Tenancy(database, new Vault(new byte[32]), new LocalChangeBus(), Clock.systemUTC(),
        HostPolicy.forThisHost(List.of()));
    for (int i = 0; i < 1_000; i++) {
      tenancy.apiKeys().create(Reach.everything(), ACTOR, new ApiKeyService.Draft(Workspace.ROOT,
          "other-" + i, Role.MEMBER, null, null, null, null, Map.of()));
    }
    secret = tenancy.apiKeys().create(Reach.everything(), ACTOR, new ApiKeyService.Draft(
        Workspace.ROOT, "bench", Role.MEMBER, null, null, null, null, Map.of("team", "perf"))).secret();
    authenticator = tenancy.authenticator(vertx);
    authenticator.authenticate(secret).await();
  }

  @Benchmark
  public Principal authenticate() {
    return authenticator.authenticate(secret).result();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    vertx.close().await();
    database.close();
    try (var files = Files.walk(dir)) {
      files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
    }
  }
}
