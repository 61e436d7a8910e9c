package dev.portcullis.cluster;

import dev.portcullis.store.Database;
import dev.portcullis.store.StoreException;
import io.vertx.core.Vertx;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spreads changes between processes that share a database but no Redis (a gateway and the CLI, or several gateways):
 * each change is also written to the {@code change_log} table, and a gateway reads the rows other processes wrote
 * every {@link #POLL_INTERVAL}. A change made by the CLI therefore reaches a running gateway within about half a second
 * (the docs promise 2 s). Rows are numbered without gaps (each takes the next number, retried when two writers race),
 * so a reader that has seen row n has seen every row before it. Rows older than {@link #KEEP} are deleted.
 */
public final class StoreChangeBus implements ChangeBus {

  private static final Logger LOG = LoggerFactory.getLogger(StoreChangeBus.class);

  /** How often a gateway reads what other processes announced. */
  public static final Duration POLL_INTERVAL = Duration.ofMillis(500);

  /** How long announcements stay in the table: far longer than any reader takes to see them. */
  static final Duration KEEP = Duration.ofHours(1);

  /**
   * Writers racing for the next number retry with a short random pause, so that they stop colliding: without one,
   * three writers on PostgreSQL used up ten immediate retries and a change was lost.
   */
  private static final int APPEND_ATTEMPTS = 50;
  private static final int MAX_PAUSE_MILLIS = 20;
  private static final int PRUNE_EVERY = 100;

  private final Database database;
  private final Clock clock;
  private final String nodeId = UUID.randomUUID().toString();
  private final LocalChangeBus local = new LocalChangeBus();
  private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "portcullis-change-log");
    t.setDaemon(true);
    return t;
  });
  private long lastSeen;
  private long timer = -1;
  private Vertx vertx;

  /** A bus that writes what this process changes; {@link #pollEvery} makes it read what others change too. */
  public StoreChangeBus(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
    this.lastSeen = database.read("read the change log", c -> {
      try (Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(seq), 0) FROM change_log")) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  /** Reads other processes' changes every {@link #POLL_INTERVAL} on a worker thread, until closed. */
  public StoreChangeBus pollEvery(Vertx vertx) {
    this.vertx = vertx;
    this.timer = vertx.setPeriodic(POLL_INTERVAL.toMillis(), id -> vertx.executeBlocking(() -> {
      poll();
      return null;
    }, true).onFailure(e -> LOG.warn("could not read the change log: {}", e.getMessage())));
    return this;
  }

  /** Tells this process's listeners at once, and writes the change for other processes in the background. */
  @Override
  public void publish(Change change) {
    local.publish(change);
    writer.execute(() -> {
      try {
        append(change);
      } catch (RuntimeException e) {
        LOG.warn("could not announce {} to other processes: {}", change, e.getMessage());
      }
    });
  }

  @Override
  public void subscribe(Consumer<Change> listener) {
    local.subscribe(listener);
  }

  /** Tells this process's listeners of every change other processes wrote since the last call. Blocking. */
  public synchronized void poll() {
    List<String[]> rows = database.read("read the change log", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT seq, node, change FROM change_log WHERE seq > ? ORDER BY seq")) {
        ps.setLong(1, lastSeen);
        List<String[]> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new String[] {Long.toString(rs.getLong(1)), rs.getString(2), rs.getString(3)});
          }
        }
        return out;
      }
    });
    for (String[] row : rows) {
      lastSeen = Long.parseLong(row[0]);
      if (!row[1].equals(nodeId)) {
        try {
          local.publish(Change.decode(row[2]));
        } catch (IllegalArgumentException e) {
          LOG.warn("ignoring a malformed change log row {}: {}", row[0], e.getMessage());
        }
      }
    }
  }

  private void append(Change change) {
    for (int attempt = 1; ; attempt++) {
      try {
        long seq = database.read("announce a change", c -> {
          try (PreparedStatement ps = c.prepareStatement("INSERT INTO change_log (seq, node, change, created_at) "
              + "SELECT COALESCE(MAX(seq), 0) + 1, ?, ?, ? FROM change_log RETURNING seq")) {
            ps.setString(1, nodeId);
            ps.setString(2, change.encode());
            ps.setLong(3, clock.millis());
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          }
        });
        if (seq % PRUNE_EVERY == 0) {
          prune();
        }
        return;
      } catch (StoreException e) {
        if (!e.duplicate() || attempt == APPEND_ATTEMPTS) {
          throw e;
        }
        pauseBeforeRetry(attempt);
      }
    }
  }

  /** On this class's own writer thread, never an event loop: a pause of up to {@code attempt} ms (20 at most). */
  private static void pauseBeforeRetry(int attempt) {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextInt(1, Math.min(attempt, MAX_PAUSE_MILLIS) + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void prune() {
    database.read("prune the change log", c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM change_log WHERE created_at < ?")) {
        ps.setLong(1, clock.millis() - KEEP.toMillis());
        return ps.executeUpdate();
      }
    });
  }

  /** Stops polling, and waits (a few seconds at most) until what this process announced is written. */
  @Override
  public void close() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    writer.shutdown();
    try {
      if (!writer.awaitTermination(5, TimeUnit.SECONDS)) {
        LOG.warn("running gateways may not have heard of the last changes: the change log did not answer in time");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    local.close();
  }
}
