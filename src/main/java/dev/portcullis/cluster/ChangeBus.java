package dev.portcullis.cluster;

import java.util.function.Consumer;

/**
 * Tells every holder of cached state that something changed: this process's listeners at once, and, when the bus
 * spans nodes, every other node's. Delivery is at most once; holders also refresh on their own, so a lost message
 * only delays a change.
 */
public interface ChangeBus extends AutoCloseable {

  /** Announces a committed change. Never blocks. */
  void publish(Change change);

  /** Registers a listener; it may be called on any thread and must not block. */
  void subscribe(Consumer<Change> listener);

  @Override
  void close();
}
