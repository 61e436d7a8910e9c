package dev.portcullis.observe;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A real data source that a test can script: hold connection requests until released, fail the next batch inserts,
 * and see the size of every batch of log rows executed.
 */
final class ScriptedDataSource implements DataSource {

  private final DataSource delegate;
  private final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private final CountDownLatch waiting = new CountDownLatch(1);
  private volatile CountDownLatch gate = new CountDownLatch(0);

  ScriptedDataSource(DataSource delegate) {
    this.delegate = delegate;
  }

  /** Connection requests wait from now on until {@link #release()}. */
  void hold() {
    gate = new CountDownLatch(1);
  }

  /** Waits until a connection request is being held. */
  void awaitHeldRequest() throws InterruptedException {
    if (!waiting.await(10, TimeUnit.SECONDS)) {
      throw new AssertionError("no connection was requested within 10 s");
    }
  }

  void release() {
    gate.countDown();
  }

  /** The next {@code count} batch executions throw. */
  void failNextBatches(int count) {
    failuresLeft.set(count);
  }

  List<Integer> batchSizes() {
    return List.copyOf(batchSizes);
  }

  @Override
  public Connection getConnection() throws SQLException {
    CountDownLatch current = gate;
    if (current.getCount() > 0) {
      waiting.countDown();
      try {
        current.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SQLException("interrupted while held", e);
      }
    }
    Connection connection = delegate.getConnection();
    return proxy(Connection.class, connection, (proxy, method, args) -> {
      Object result = invoke(connection, method, args);
      // Only the log rows' inserts are scripted and counted; rollups and bodies ride in the same transaction.
      boolean rows = args != null && args.length > 0 && args[0] instanceof String sql
          && sql.startsWith("INSERT INTO request_logs (");
      return rows && result instanceof PreparedStatement statement ? scripted(statement) : result;
    });
  }

  private PreparedStatement scripted(PreparedStatement statement) {
    AtomicInteger added = new AtomicInteger();
    return proxy(PreparedStatement.class, statement, (proxy, method, args) -> {
      switch (method.getName()) {
        case "addBatch" -> added.incrementAndGet();
        case "executeBatch" -> {
          if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new SQLException("scripted failure");
          }
          batchSizes.add(added.getAndSet(0));
        }
        default -> {}
      }
      return invoke(statement, method, args);
    });
  }

  private static <T> T proxy(Class<T> type, T target, InvocationHandler handler) {
    return type.cast(Proxy.newProxyInstance(ScriptedDataSource.class.getClassLoader(), new Class<?>[] {type}, handler));
  }

  private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @Override
  public Connection getConnection(String username, String password) {
    throw new UnsupportedOperationException();
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return delegate.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    delegate.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    delegate.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return delegate.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return delegate.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    return delegate.unwrap(type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) throws SQLException {
    return delegate.isWrapperFor(type);
  }
}
