package dev.portcullis.observe;

import dev.portcullis.observe.analytics.RequestLogRollups;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores request records without ever making the caller wait: {@link #record} only offers to a bounded queue, and
 * one daemon thread writes what it holds in batched transactions. When the queue is full, records are dropped and
 * counted, never waited for. Each batch also adds to the analytics rollups in the same transaction. {@link #close()}
 * writes everything still queued before it returns.
 */
public final class RequestLogWriter implements RequestListener, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RequestLogWriter.class);

  static final int DEFAULT_CAPACITY = 100_000;

  /** Rows per transaction, at most. */
  static final int BATCH_SIZE = 500;

  /** How long the first record of a batch waits for others before the batch is written anyway. */
  private static final long FLUSH_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private static final long DROP_WARNING_INTERVAL_MILLIS = Duration.ofSeconds(10).toMillis();

  /** A failed batch is tried once more, then dropped. */
  private static final int ATTEMPTS = 2;

  private final DataSource dataSource;
  private final Queue<RequestRecord> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final int capacity;
  private final Clock clock;
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong nextDropWarningMillis = new AtomicLong(Long.MIN_VALUE);
  private final Thread worker;
  private volatile boolean closed;

  private RequestLogWriter(DataSource dataSource, int capacity, Clock clock) {
    if (capacity < 1) {
      throw new IllegalArgumentException("request log queue capacity: " + capacity + " (expected: at least 1)");
    }
    this.dataSource = dataSource;
    this.capacity = capacity;
    this.clock = clock;
    this.worker = Thread.ofPlatform().name("request-log-writer").daemon(true).unstarted(this::drain);
  }

  /** Starts a writer into the {@code request_logs} table of the given database, queueing up to 100,000 records. */
  public static RequestLogWriter start(DataSource dataSource) {
    return start(dataSource, DEFAULT_CAPACITY, Clock.systemUTC());
  }

  static RequestLogWriter start(DataSource dataSource, int capacity, Clock clock) {
    RequestLogWriter writer = new RequestLogWriter(dataSource, capacity, clock);
    writer.worker.start();
    return writer;
  }

  /** Every call's record is queued for the log when the call ends. */
  @Override
  public void ended(CallView call, RequestRecord record) {
    record(record);
  }

  /**
   * Queues the record for writing, or drops and counts it when the queue is full or the writer closed. Never
   * blocks, so it is safe on an event loop.
   */
  public void record(RequestRecord record) {
    Objects.requireNonNull(record.id(), "RequestRecord.id");
    Objects.requireNonNull(record.startedAt(), "RequestRecord.startedAt");
    if (closed) {
      drop();
      return;
    }
    int size = queued.incrementAndGet();
    if (size > capacity) {
      queued.decrementAndGet();
      drop();
      return;
    }
    queue.offer(record);
    if (size == BATCH_SIZE) {
      LockSupport.unpark(worker);
    }
  }

  private void drop() {
    long total = dropped.incrementAndGet();
    long now = clock.millis();
    long due = nextDropWarningMillis.get();
    if (now >= due && nextDropWarningMillis.compareAndSet(due, now + DROP_WARNING_INTERVAL_MILLIS)) {
      if (closed) {
        log.warn("request log: writer is closed, dropping records; {} dropped so far", total);
      } else {
        log.warn("request log: queue is full (capacity {}), dropping records; {} dropped so far", capacity, total);
      }
    }
  }

  /**
   * Sleeps for the flush interval (or until a full batch is queued, or close), then writes everything queued in
   * batches. Recording a request never wakes this thread except when a batch fills, so the request path pays no
   * signalling per record.
   */
  private void drain() {
    List<RequestRecord> batch = new ArrayList<>(BATCH_SIZE);
    while (true) {
      boolean closing = closed;
      if (!closing && queued.get() < BATCH_SIZE) {
        LockSupport.parkNanos(this, FLUSH_INTERVAL_NANOS);
      }
      RequestRecord next;
      while ((next = queue.poll()) != null) {
        queued.decrementAndGet();
        batch.add(next);
        if (batch.size() == BATCH_SIZE) {
          write(batch);
          batch.clear();
        }
      }
      if (!batch.isEmpty()) {
        write(batch);
        batch.clear();
      }
      if (closing) {
        return;
      }
    }
  }

  private void write(List<RequestRecord> batch) {
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        insert(batch);
        written.addAndGet(batch.size());
        return;
      } catch (SQLException | RuntimeException e) {
        // The exception's text only, never the rows: they hold caller metadata and error messages.
        log.warn("request log: writing {} records failed (attempt {} of {}): {}", batch.size(), attempt, ATTEMPTS, e.toString());
      }
    }
    long total = dropped.addAndGet(batch.size());
    log.error("request log: dropped {} records after {} failed attempts; {} dropped so far", batch.size(), ATTEMPTS, total);
  }

  private void insert(List<RequestRecord> batch) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement insert = connection.prepareStatement(RequestLogTable.INSERT)) {
        boolean bodies = false;
        for (RequestRecord record : batch) {
          RequestLogTable.bind(insert, record);
          insert.addBatch();
          bodies |= RequestLogTable.hasBodies(record);
        }
        insert.executeBatch();
        RequestLogRollups.add(connection, batch);
        if (bodies) {
          insertBodies(connection, batch);
        }
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        rollback(connection, e);
        throw e;
      }
    }
  }

  private static void insertBodies(Connection connection, List<RequestRecord> batch) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(RequestLogTable.INSERT_BODIES)) {
      for (RequestRecord record : batch) {
        if (RequestLogTable.hasBodies(record)) {
          RequestLogTable.bindBodies(insert, record);
          insert.addBatch();
        }
      }
      insert.executeBatch();
    }
  }

  private static void rollback(Connection connection, Exception cause) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  /** Records stored so far. */
  public long written() {
    return written.get();
  }

  /** Records queued and not yet written. */
  public int queued() {
    return queued.get();
  }

  /** Records lost so far: queue full, writer closed, or a batch that failed twice. */
  public long dropped() {
    return dropped.get();
  }

  /** Whether the writing thread is running. */
  public boolean healthy() {
    return worker.isAlive();
  }

  /**
   * Stops accepting records and returns once every record queued before has been written (or dropped after failing
   * twice). Call it after the server has stopped serving requests: a record offered while it runs may be lost.
   */
  @Override
  public void close() {
    closed = true;
    LockSupport.unpark(worker);
    boolean interrupted = false;
    while (worker.isAlive()) {
      try {
        worker.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "RequestLogWriter[queued=" + queued.get() + "/" + capacity + ", written=" + written + ", dropped=" + dropped
        + (closed ? ", closed" : "") + "]";
  }
}
