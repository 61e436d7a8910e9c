package dev.portcullis.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.portcullis.store.Database;
import dev.portcullis.store.PostgresTestSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Processes that share a database without Redis hear of each other's changes through the change log: the CLI's
 * revocation reaches the gateway's caches on its next poll. Each bus here is another process's.
 */
class StoreChangeBusTest {

  enum Backend { SQLITE, POSTGRESQL }

  static Stream<Backend> backends() {
    return Stream.of(Backend.values());
  }

  @ParameterizedTest
  @MethodSource("backends")
  void aChangeWrittenByOneProcessReachesAnotherOnItsNextPollOnce(Backend backend) throws Exception {
    try (Store store = Store.open(backend)) {
      StoreChangeBus gateway = new StoreChangeBus(store.database, Clock.systemUTC());
      List<Change> heard = heardBy(gateway);

      try (StoreChangeBus cli = new StoreChangeBus(store.database, Clock.systemUTC())) {
        cli.publish(Change.apiKey("default", "key-1"));
        cli.publish(Change.virtualKey("ws-2", "openai-prod"));
      }
      gateway.poll();
      gateway.poll();

      assertThat(heard).containsExactly(Change.apiKey("default", "key-1"), Change.virtualKey("ws-2", "openai-prod"));
      gateway.close();
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void aProcessHearsItsOwnChangesOnceAtOnceAndNotAgainFromTheLog(Backend backend) throws Exception {
    try (Store store = Store.open(backend);
        StoreChangeBus gateway = new StoreChangeBus(store.database, Clock.systemUTC());
        StoreChangeBus other = new StoreChangeBus(store.database, Clock.systemUTC())) {
      List<Change> heard = heardBy(gateway);
      List<Change> heardByOther = heardBy(other);

      gateway.publish(Change.workspace("ws-1"));
      assertThat(heard).containsExactly(Change.workspace("ws-1"));
      await().atMost(Duration.ofSeconds(10)).until(() -> {
        other.poll();
        return !heardByOther.isEmpty();
      });
      gateway.poll();

      assertThat(heard).containsExactly(Change.workspace("ws-1"));
      assertThat(heardByOther).containsExactly(Change.workspace("ws-1"));
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void aProcessStartingLaterDoesNotReplayOlderChanges(Backend backend) throws Exception {
    try (Store store = Store.open(backend)) {
      try (StoreChangeBus earlier = new StoreChangeBus(store.database, Clock.systemUTC())) {
        earlier.publish(Change.workspace("ws-1"));
      }
      try (StoreChangeBus later = new StoreChangeBus(store.database, Clock.systemUTC())) {
        List<Change> heard = heardBy(later);
        later.poll();

        assertThat(heard).isEmpty();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void writersRacingForTheNextNumberLoseNoChange(Backend backend) throws Exception {
    try (Store store = Store.open(backend)) {
      StoreChangeBus gateway = new StoreChangeBus(store.database, Clock.systemUTC());
      List<Change> heard = heardBy(gateway);

      List<StoreChangeBus> writers = List.of(new StoreChangeBus(store.database, Clock.systemUTC()),
          new StoreChangeBus(store.database, Clock.systemUTC()), new StoreChangeBus(store.database, Clock.systemUTC()));
      for (int i = 0; i < 20; i++) {
        for (int w = 0; w < writers.size(); w++) {
          writers.get(w).publish(Change.apiKey("default", "k-" + w + "-" + i));
        }
      }
      writers.forEach(StoreChangeBus::close);
      gateway.poll();

      assertThat(heard).hasSize(60).doesNotHaveDuplicates();
      gateway.close();
    }
  }

  private static List<Change> heardBy(StoreChangeBus bus) {
    List<Change> heard = new CopyOnWriteArrayList<>();
    bus.subscribe(heard::add);
    return heard;
  }

  /** A fresh database on one backend. */
  private record Store(Database database, Path dir, PostgresTestSchema schema) implements AutoCloseable {

    static Store open(Backend backend) throws Exception {
      if (backend == Backend.SQLITE) {
        Path dir = Files.createTempDirectory("changes");
        return new Store(Database.open("jdbc:sqlite:" + dir.resolve("portcullis.db")), dir, null);
      }
      PostgresTestSchema schema = PostgresTestSchema.create();
      return new Store(Database.open(schema.jdbcUrl()), null, schema);
    }

    @Override
    public void close() throws Exception {
      database.close();
      if (schema != null) {
        schema.close();
      }
      if (dir != null) {
        try (Stream<Path> files = Files.walk(dir)) {
          files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
      }
    }
  }
}
